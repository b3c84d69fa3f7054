; postedit's Windows installer (Inno Setup 6).
;
; Build from the repository root after `make bundle` (or let build_installer.ps1 do it):
;   iscc /DAppVersion=0.1.0 packaging\windows\postedit.iss
; Input: dist\postedit\ (the PyInstaller onedir folder) and build\icons\postedit.ico.
; Output: dist\postedit-<version>-setup.exe.
;
; Per-user by default: no administrator password, installed under
; %LOCALAPPDATA%\Programs\postedit. The first page lets an administrator install for
; all users instead ({autopf} and HKA follow the mode chosen).
;
; Markdown files: postedit adds itself to "Open with" for .md and .markdown and never
; takes over the default program. It writes only its own ProgID and a value under
; each extension's OpenWithProgids list, never an extension's default value.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (python packaging\version.py prints it)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif

#define AppName "postedit"
#define AppExeName "postedit.exe"
#define AppProgId "postedit.MarkdownPost"
#define RepoRoot AddBackslash(SourcePath) + "..\.."

[Setup]
AppId={{1E0DBD32-C940-4BD9-8BAB-F23DAEFEFD12}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The postedit team
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Only tells Explorer to re-read associations so "Open with" shows postedit at once;
; no default program is changed (see [Registry]).
ChangesAssociations=yes
SetupIconFile={#RepoRoot}\build\icons\postedit.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
OutputDir={#RepoRoot}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#RepoRoot}\dist\postedit\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; postedit's own ProgID: what "Open with postedit" runs.
Root: HKA; Subkey: "Software\Classes\{#AppProgId}"; ValueType: string; ValueName: ""; ValueData: "Markdown post"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""
; Offer it for .md and .markdown: a named value in OpenWithProgids, never the default.
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "{#AppProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.markdown\OpenWithProgids"; ValueType: string; ValueName: "{#AppProgId}"; ValueData: ""; Flags: uninsdeletevalue
; The application's entry, so Windows names it "postedit" in its lists.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".markdown"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
