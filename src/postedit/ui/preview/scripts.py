"""The few scripts the pane runs in the page's application world.

Each is a constant function expression; data goes in only as its JSON argument
(`call(SCRIPT, value)`), never spliced into code. They run in the application
world, which page JavaScript settings do not switch off and page content cannot see.
"""

from __future__ import annotations

import json

# The data-line of the block at the top of the viewport (0 while at the very top).
# Block tops grow in document order, so a binary search finds it on a 1 MB post.
_TOP_LINE = """
function topLine() {
  if (window.scrollY <= 0) return 0;
  var blocks = document.querySelectorAll("#content [data-line]");
  var low = 0, high = blocks.length - 1, found = -1;
  while (low <= high) {
    var middle = (low + high) >> 1;
    if (blocks[middle].getBoundingClientRect().top <= 1) { found = middle; low = middle + 1; }
    else { high = middle - 1; }
  }
  return found < 0 ? 0 : parseInt(blocks[found].getAttribute("data-line"), 10);
}
"""

# Replace the regions that changed (null: unchanged), keep the scroll position,
# and answer the line now at the top. The content changes block by block: the
# application world remembers which nodes each top-level block of the article
# became, and a patch keeps `head` blocks and `tail` blocks and puts its new
# blocks between them, so a keystroke in a long post re-lays out a paragraph,
# not the whole post. `reset` (a fresh page) rebuilds the article from `blocks`;
# -2 answers a patch for a document that tracks no blocks. `shift` moves the
# data-line of the kept tail blocks (a line added or removed above them).
PATCH = (
    """(function (update) {"""
    + _TOP_LINE
    + """
  var header = document.getElementById("page-header");
  var content = document.getElementById("content");
  if (!header || !content) return -1;
  var y = window.scrollY;
  if (update.header !== null) header.innerHTML = update.header;
  var patch = update.content;
  if (patch !== null) {
    var blocks = window.posteditBlocks;
    if (!blocks && !patch.reset) return -2;  // a new document (reloaded): send everything
    if (patch.reset) {
      content.textContent = "";
      blocks = [];
    }
    var removed = blocks.splice(patch.head, blocks.length - patch.head - patch.tail);
    for (var r = 0; r < removed.length; r++)
      for (var n = 0; n < removed[r].length; n++) content.removeChild(removed[r][n]);
    var before = null;
    for (var k = patch.head; k < blocks.length && before === null; k++)
      if (blocks[k].length) before = blocks[k][0];
    var template = document.createElement("template");
    var added = document.createDocumentFragment();
    var fresh = [];
    for (var b = 0; b < patch.blocks.length; b++) {
      template.innerHTML = patch.blocks[b];
      var nodes = Array.prototype.slice.call(template.content.childNodes);
      for (var m = 0; m < nodes.length; m++) added.appendChild(nodes[m]);
      fresh.push(nodes);
    }
    content.insertBefore(added, before);
    blocks.splice.apply(blocks, [patch.head, 0].concat(fresh));
    window.posteditBlocks = blocks;
    if (patch.shift) {
      for (var t = blocks.length - patch.tail; t < blocks.length; t++) {
        for (var e = 0; e < blocks[t].length; e++) {
          var node = blocks[t][e];
          if (node.nodeType !== 1) continue;
          var lined = Array.prototype.slice.call(node.querySelectorAll("[data-line]"));
          if (node.hasAttribute("data-line")) lined.push(node);
          for (var l = 0; l < lined.length; l++) {
            var shifted = parseInt(lined[l].getAttribute("data-line"), 10) + patch.shift;
            lined[l].setAttribute("data-line", String(shifted));
          }
        }
      }
    }
  }
  if (window.scrollY !== y) window.scrollTo(0, y);
  return topLine();
})"""
)

# Scroll the block with the greatest data-line <= line to the top; answer the
# line then at the top (the bottom of the page may stop it short).
SCROLL_TO_LINE = (
    """(function (line) {"""
    + _TOP_LINE
    + """
  var blocks = document.querySelectorAll("#content [data-line]");
  var best = null, bestLine = -1;
  for (var i = 0; i < blocks.length; i++) {
    var at = parseInt(blocks[i].getAttribute("data-line"), 10);
    if (at <= line && at > bestLine) { best = blocks[i]; bestLine = at; }
  }
  if (best === null || best === blocks[0]) window.scrollTo(0, 0);
  else window.scrollTo(0, best.getBoundingClientRect().top + window.scrollY);
  return topLine();
})"""
)

TOP_LINE = "(function () {" + _TOP_LINE + "  return topLine();\n})"

SET_THEME = """(function (theme) {
  document.documentElement.className = theme;
  return theme;
})"""


def call(function: str, argument: object = None) -> str:
    """The code that calls one of the scripts above with `argument` as JSON."""
    return f"{function}({json.dumps(argument)})"
