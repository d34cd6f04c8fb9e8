// The article's text as the server sees it: each [data-block] element's text content, blocks
// joined by a blank line. Points are { anchor, offset } with offsets in UTF-16 units.

export const SEPARATOR = '\n\n';

export function blockOf(body, node) {
  const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
  const block = element && element.closest('[data-block]');
  return block && body.contains(block) ? block : null;
}

function offsetWithin(block, node, offset) {
  const range = document.createRange();
  range.setStart(block, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function blockRange(block) {
  const range = document.createRange();
  range.selectNodeContents(block);
  return range;
}

/** Resolves a DOM point to a block point; points between blocks snap forward (start) or back (end). */
function resolve(body, node, offset, isStart) {
  const block = blockOf(body, node);
  if (block) return { block, offset: offsetWithin(block, node, offset) };
  const blocks = Array.from(body.querySelectorAll('[data-block]'));
  if (isStart) {
    const next = blocks.find((b) => blockRange(b).comparePoint(node, offset) <= 0);
    return next ? { block: next, offset: 0 } : null;
  }
  const previous = blocks.reverse().find((b) => blockRange(b).comparePoint(node, offset) >= 0);
  return previous ? { block: previous, offset: previous.textContent.length } : null;
}

/**
 * The part of a DOM range that lies in the article body, as block points with the exact text,
 * trimmed of surrounding whitespace. Null when nothing of the article text is selected.
 */
export function rangeInArticle(body, range) {
  const bodyRange = document.createRange();
  bodyRange.selectNodeContents(body);
  if (range.compareBoundaryPoints(Range.END_TO_START, bodyRange) >= 0
      || range.compareBoundaryPoints(Range.START_TO_END, bodyRange) <= 0) {
    return null; // entirely before or after the article body
  }
  const startsBefore = range.compareBoundaryPoints(Range.START_TO_START, bodyRange) < 0;
  const endsAfter = range.compareBoundaryPoints(Range.END_TO_END, bodyRange) > 0;
  const start = startsBefore ? resolve(body, body, 0, true) : resolve(body, range.startContainer, range.startOffset, true);
  const end = endsAfter ? resolve(body, body, body.childNodes.length, false) : resolve(body, range.endContainer, range.endOffset, false);
  if (!start || !end) return null;
  return trim(body, start, end);
}

function trim(body, start, end) {
  const blocks = Array.from(body.querySelectorAll('[data-block]'));
  let s = blocks.indexOf(start.block);
  let e = blocks.indexOf(end.block);
  let so = start.offset;
  let eo = end.offset;
  const text = (i) => blocks[i].textContent;
  // Move the start forward past whitespace and block ends; the end backward likewise.
  for (;;) {
    if (s > e || (s === e && so >= eo)) return null;
    if (so >= text(s).length) { s += 1; so = 0; continue; }
    if (/\s/.test(text(s)[so])) { so += 1; continue; }
    break;
  }
  for (;;) {
    if (e < s) return null;
    if (eo <= 0) { e -= 1; if (e >= 0) eo = text(e).length; continue; }
    if (/\s/.test(text(e)[eo - 1])) { eo -= 1; continue; }
    break;
  }
  if (s > e || (s === e && so >= eo)) return null;
  let exact;
  if (s === e) {
    exact = text(s).slice(so, eo);
  } else {
    const parts = [text(s).slice(so)];
    for (let i = s + 1; i < e; i += 1) parts.push(text(i));
    parts.push(text(e).slice(0, eo));
    exact = parts.join(SEPARATOR);
  }
  return {
    start: { anchor: blocks[s].id, offset: so },
    end: { anchor: blocks[e].id, offset: eo },
    exact,
  };
}

/** Wraps [start, end) of a block's text in marks, one per text node, so marks nest inside whatever is there. */
function wrapBlock(block, from, to, make) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  let position = 0;
  const marks = [];
  for (const node of nodes) {
    const length = node.data.length;
    const nodeStart = position;
    position += length;
    if (position <= from || nodeStart >= to || length === 0) continue;
    let target = node;
    const cutStart = Math.max(from - nodeStart, 0);
    const cutEnd = Math.min(to - nodeStart, length);
    if (cutEnd < length) target.splitText(cutEnd);
    if (cutStart > 0) target = target.splitText(cutStart);
    const mark = make();
    target.parentNode.insertBefore(mark, target);
    mark.append(target);
    marks.push(mark);
  }
  return marks;
}

export function applyMarks(body, highlight) {
  const blocks = Array.from(body.querySelectorAll('[data-block]'));
  const first = blocks.findIndex((b) => b.id === highlight.start.anchor);
  const last = blocks.findIndex((b) => b.id === highlight.end.anchor);
  if (first < 0 || last < first) return [];
  const marks = [];
  for (let i = first; i <= last; i += 1) {
    const from = i === first ? highlight.start.offset : 0;
    const to = i === last ? highlight.end.offset : blocks[i].textContent.length;
    marks.push(...wrapBlock(blocks[i], from, to, () => {
      const mark = document.createElement('mark');
      mark.dataset.highlightId = highlight.id;
      mark.dataset.color = highlight.color;
      mark.className = `hl hl-${highlight.color}`;
      return mark;
    }));
  }
  if (marks.length) marks[0].id = `h-${highlight.id}`;
  return marks;
}

export function removeMarks(body, id) {
  const parents = new Set();
  body.querySelectorAll(`mark[data-highlight-id="${CSS.escape(id)}"]`).forEach((mark) => {
    parents.add(mark.parentNode);
    mark.replaceWith(...mark.childNodes);
  });
  parents.forEach((parent) => parent.normalize());
}

export function recolorMarks(body, id, color) {
  body.querySelectorAll(`mark[data-highlight-id="${CSS.escape(id)}"]`).forEach((mark) => {
    mark.dataset.color = color;
    mark.className = `hl hl-${color}`;
  });
}

/** Reading-order key of a point: block index, then offset. */
export function orderOf(body, point) {
  const blocks = Array.from(body.querySelectorAll('[data-block]'));
  return blocks.findIndex((b) => b.id === point.anchor) * 1e7 + point.offset;
}

/** The DOM point at a UTF-16 offset of a block's text (the end of the last text node at its end). */
function domPoint(block, offset) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let position = 0;
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (offset <= position + node.data.length) return [node, offset - position];
    position += node.data.length;
    last = node;
  }
  return last ? [last, last.data.length] : [block, block.childNodes.length];
}

const segmenters = new Map();
function wordSegments(text) {
  const locale = document.documentElement.lang || undefined;
  if (!segmenters.has(locale)) segmenters.set(locale, new Intl.Segmenter(locale, { granularity: 'word' }));
  return segmenters.get(locale).segment(text);
}

/** The block offset moved to the start (or end) of the word it falls inside; unchanged between words. */
function snapOffset(block, offset, toStart) {
  const text = block.textContent;
  if (offset <= 0 || offset >= text.length) return offset;
  const segment = wordSegments(text).containing(offset);
  if (!segment || !segment.isWordLike || segment.index === offset) return offset;
  return toStart ? segment.index : segment.index + segment.segment.length;
}

/**
 * A selection made by dragging, widened so that it starts and ends on word boundaries (the
 * browser's own word rules, Intl.Segmenter, so CJK and Thai words too). Null when nothing changes.
 */
export function snapToWords(body, range) {
  const start = blockOf(body, range.startContainer);
  const end = blockOf(body, range.endContainer);
  if (!start && !end) return null;
  const snapped = range.cloneRange();
  let changed = false;
  if (start) {
    const offset = offsetWithin(start, range.startContainer, range.startOffset);
    const to = snapOffset(start, offset, true);
    if (to !== offset) { snapped.setStart(...domPoint(start, to)); changed = true; }
  }
  if (end) {
    const offset = offsetWithin(end, range.endContainer, range.endOffset);
    const to = snapOffset(end, offset, false);
    if (to !== offset) { snapped.setEnd(...domPoint(end, to)); changed = true; }
  }
  return changed ? snapped : null;
}
