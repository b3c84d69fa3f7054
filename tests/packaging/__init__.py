"""The frozen app and the installers (packaging/)."""
