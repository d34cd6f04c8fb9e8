// Highlighting and notes in the reading view (signed-in readers only).
import { toast, copyText, flash } from './app.js';
import { rangeInArticle, applyMarks, removeMarks, recolorMarks, orderOf, snapToWords } from './textmodel.js';
import './readingstate.js';
import './articletools.js';

const reader = document.querySelector('[data-reader]');
const body = document.querySelector('[data-article-body]');
const toolbar = document.querySelector('[data-toolbar]');
const editor = document.querySelector('[data-editor]');
const form = editor.querySelector('[data-editor-form]');
const noteList = document.querySelector('[data-note-list]');
const orphanList = document.querySelector('[data-orphan-list]');
const slug = reader.dataset.slug;
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const highlights = new Map();
const colorNames = { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink' };

let currentColor = localStorage.getItem('newsreader.color') || 'yellow';
let pending = null;        // the selection the toolbar acts on
let reattaching = null;    // id of an orphan waiting for new text
let editing = null;        // id in the editor
let returnFocus = null;

class ApiError extends Error {
  constructor(status, problem) {
    const fields = problem?.errors ? [...new Set(Object.values(problem.errors).flat())].join(' ') : '';
    super(fields || problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

/** A version as the API's ETag, for If-Match: the server refuses (412) a change to a version that is not the latest. */
const etag = (version) => `"${version}"`;

async function api(method, url, payload, version) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json', RequestVerificationToken: csrf };
  if (version !== undefined) headers['If-Match'] = etag(version);
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// ---- selection and toolbar -------------------------------------------------------------

function currentSelection() {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  return rangeInArticle(body, selection.getRangeAt(0));
}

function setCurrentColor(color) {
  currentColor = color;
  try { localStorage.setItem('newsreader.color', color); } catch { /* not remembered */ }
  toolbar.querySelector('[data-current-swatch]').className = `swatch hl-${color}`;
}

/** The buttons the toolbar shows now (Re-attach replaces the others while re-attaching). */
function toolbarButtons() {
  return Array.from(toolbar.querySelectorAll('button')).filter((b) => !b.hidden);
}

// One Tab stop for the whole toolbar; arrow keys move between its buttons (roving tabindex).
function setRovingFocus(target) {
  toolbarButtons().forEach((b) => { b.tabIndex = b === target ? 0 : -1; });
}

function showToolbar() {
  const selection = window.getSelection();
  const rect = selection.getRangeAt(0).getBoundingClientRect();
  const coarse = window.matchMedia('(pointer: coarse)').matches;
  toolbar.querySelector('[data-action="highlight"]').hidden = Boolean(reattaching);
  toolbar.querySelectorAll('[data-color]').forEach((b) => { b.hidden = Boolean(reattaching); });
  toolbar.querySelector('[data-action="reattach"]').hidden = !reattaching;
  toolbar.hidden = false;
  setRovingFocus(toolbarButtons()[0]);
  const width = toolbar.offsetWidth;
  const height = toolbar.offsetHeight;
  // The visible part of the page: on a phone the on-screen keyboard or a pinch zoom shrinks it.
  const view = window.visualViewport;
  const viewTop = view ? view.offsetTop : 0;
  const viewLeft = view ? view.offsetLeft : 0;
  const viewHeight = view ? view.height : window.innerHeight;
  const viewWidth = view ? view.width : window.innerWidth;
  const above = rect.top - height - 8;
  const below = rect.bottom + 12;
  const fitsAbove = above >= viewTop + 8;
  const fitsBelow = below + height <= viewTop + viewHeight - 8;
  // Below the selection on touch screens, where the system's own menu sits above it; above it
  // with a mouse. Whichever side has no room gives way to the other; with room on neither (a
  // selection taller than the screen), the toolbar stays inside the screen.
  let top;
  if (coarse) top = fitsBelow || !fitsAbove ? below : above;
  else top = fitsAbove || !fitsBelow ? above : below;
  if (!fitsAbove && !fitsBelow) top = viewTop + viewHeight - height - 8;
  top = Math.max(viewTop + 8, Math.min(top, viewTop + viewHeight - height - 8));
  const left = Math.min(Math.max(viewLeft + 8, rect.left + rect.width / 2 - width / 2), viewLeft + viewWidth - width - 8);
  toolbar.style.top = `${top + window.scrollY}px`;
  toolbar.style.left = `${Math.max(viewLeft + 8, left) + window.scrollX}px`;
}

function hideToolbar() {
  toolbar.hidden = true;
}

let selectionTimer;
document.addEventListener('selectionchange', () => {
  clearTimeout(selectionTimer);
  selectionTimer = setTimeout(() => {
    if (editor.open) return;
    const range = currentSelection();
    if (range) {
      pending = range;
      showToolbar();
    } else if (!toolbar.contains(document.activeElement)) {
      pending = null;
      hideToolbar();
    }
  }, 120);
});

// A drag with the mouse or a finger that starts or ends inside a word takes the whole word; a
// keyboard selection (Shift+arrows) stays exact to the character.
let pointerSelecting = false;
body.addEventListener('pointerdown', (event) => { pointerSelecting = event.isPrimary && event.button === 0; });
document.addEventListener('pointerup', () => {
  if (!pointerSelecting) return;
  pointerSelecting = false;
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
  const snapped = snapToWords(body, selection.getRangeAt(0));
  if (snapped) {
    selection.removeAllRanges();
    selection.addRange(snapped);
  }
});

// Keep the selection when pressing toolbar buttons with a mouse or finger.
toolbar.addEventListener('pointerdown', (event) => event.preventDefault());
toolbar.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button || !pending) return;
  if (button.dataset.action === 'reattach') {
    reattach(reattaching, pending);
    return;
  }
  if (button.dataset.color) setCurrentColor(button.dataset.color);
  create(pending, button.dataset.color || currentColor);
});
toolbar.addEventListener('keydown', (event) => {
  const buttons = toolbarButtons();
  const at = buttons.indexOf(document.activeElement);
  const moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
  if (!(event.key in moves) || at < 0) return;
  event.preventDefault();
  const next = buttons[(moves[event.key] + buttons.length) % buttons.length];
  setRovingFocus(next);
  next.focus();
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !toolbar.hidden) {
    const inToolbar = toolbar.contains(document.activeElement);
    hideToolbar();
    if (inToolbar) document.activeElement.blur();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || editor.open) return;
  if (event.key !== 'h' && event.key !== 't') return;
  const target = event.target;
  if (target.closest('input, textarea, select, [contenteditable]')) return;
  if (event.key === 't') {
    // The documented way from a keyboard selection to the toolbar's buttons.
    if (toolbar.hidden || !pending) return;
    event.preventDefault();
    const first = toolbar.querySelector('button[tabindex="0"]') ?? toolbarButtons()[0];
    first?.focus();
    return;
  }
  const range = currentSelection();
  if (!range) return;
  event.preventDefault();
  if (reattaching) reattach(reattaching, range);
  else create(range, currentColor);
});

// ---- create, edit, delete --------------------------------------------------------------

async function create(range, color, restore) {
  try {
    const created = await api('POST', `/api/articles/${encodeURIComponent(slug)}/highlights`, { ...range, color, ...restore });
    window.getSelection()?.removeAllRanges();
    pending = null;
    hideToolbar();
    place(created);
    if (!restore) openEditor(created.id);
    else toast('Highlight restored');
  } catch (error) {
    toast(`Could not highlight: ${error.message}`, undefined, 8000);
  }
}

function place(highlight) {
  highlights.set(highlight.id, highlight);
  applyMarks(body, highlight);
  renderItem(highlight);
}

function openEditor(id) {
  const highlight = highlights.get(id);
  if (!highlight) return;
  editing = id;
  returnFocus = document.activeElement;
  form.querySelector('[data-editor-quote]').textContent = highlight.exact;
  fillEditor(highlight);
  form.querySelector('[data-editor-error]').textContent = '';
  hideConflict(form.querySelector('[data-editor-conflict]'));
  form.querySelector('[data-action="copy-link"]').hidden = highlight.orphan;
  hideToolbar();
  editor.showModal();
  setBackgroundHidden(true);
  form.elements.note.focus();
}

// The modal editor makes the page behind it inert; say so to assistive technology as well, so
// "Note" names the editor's field only (the panel's "Article note" is behind the dialog).
function setBackgroundHidden(hidden) {
  document.querySelectorAll('[data-reader], .site-header').forEach((element) => {
    if (hidden) element.setAttribute('aria-hidden', 'true');
    else element.removeAttribute('aria-hidden');
  });
}

function closeEditor() {
  editor.close();
}

/** Where focus goes when the editor closes: the highlight's Edit button in the notes panel. */
function editButtonFor(id) {
  return id ? document.querySelector(`[data-notes-panel] [data-edit="${CSS.escape(id)}"]`) : null;
}

editor.addEventListener('close', () => {
  const id = editing;
  editing = null;
  setBackgroundHidden(false);
  // Back where the reader came from, if that is still on the page and can take focus (an Edit
  // button that a save re-rendered, the toolbar that hid, or nothing, cannot): else the Edit
  // button of the highlight, never the page's body.
  const usable = returnFocus && returnFocus !== document.body && returnFocus.isConnected && returnFocus.checkVisibility?.() !== false;
  const target = usable ? returnFocus : editButtonFor(id);
  returnFocus = null;
  // Without scrolling: the reader stays at the passage they were reading (Tab then shows the focus).
  target?.focus({ preventScroll: true });
});

async function save(version) {
  const id = editing;
  const highlight = highlights.get(id);
  if (!highlight) return;
  const color = form.querySelector('input[name="color"]:checked')?.value ?? highlight.color;
  const tags = form.elements.tags.value.split(',').map((t) => t.trim()).filter(Boolean);
  try {
    // Only over the version this editor opened (or, after a conflict, the one the reader chose to replace).
    const updated = await api('PATCH', `/api/highlights/${id}`, { color, note: form.elements.note.value, tags }, version ?? highlight.version);
    showUpdated(updated);
    closeEditor();
    toast('Note saved');
  } catch (error) {
    if (error.status === 412 && error.problem?.current) {
      showConflict(form.querySelector('[data-editor-conflict]'), error.problem.current, {
        keepMine: () => save(error.problem.current.version),
        useSaved: () => {
          showUpdated(error.problem.current);
          fillEditor(error.problem.current);
        },
      });
      return;
    }
    form.querySelector('[data-editor-error]').textContent = error.message;
  }
}

function showUpdated(updated) {
  highlights.set(updated.id, updated);
  recolorMarks(body, updated.id, updated.color);
  renderItem(updated);
}

/** The editor's fields from a highlight: when it opens, and when the reader takes the saved version of a conflict. */
function fillEditor(highlight) {
  form.elements.note.value = highlight.note;
  form.elements.tags.value = highlight.tags.join(', ');
  form.querySelectorAll('input[name="color"]').forEach((radio) => { radio.checked = radio.value === highlight.color; });
}

// ---- conflicts: the same note changed in another tab or on another device -----------------

function hideConflict(box) {
  box.hidden = true;
  box.replaceChildren();
}

/**
 * Shows what is saved now beside what the reader wrote (still in the form), and lets them
 * choose: keep theirs (save again over the saved version) or take the saved one.
 */
function showConflict(box, current, { keepMine, useSaved }) {
  box.replaceChildren();
  const heading = document.createElement('p');
  heading.className = 'conflict-heading';
  heading.textContent = 'This was changed elsewhere (another tab or device) since you opened it. The saved version:';
  const saved = document.createElement('blockquote');
  saved.className = 'conflict-saved';
  saved.dir = 'auto';
  const details = [];
  if (current.color) details.push(colorNames[current.color] ?? current.color);
  if (current.tags?.length) details.push(current.tags.map((t) => `#${t}`).join(' '));
  if (details.length) {
    const meta = document.createElement('p');
    meta.className = 'note-meta';
    meta.textContent = details.join(' · ');
    saved.append(meta);
  }
  const text = document.createElement('p');
  text.textContent = current.note || '(no note)';
  saved.append(text);
  const yours = document.createElement('p');
  yours.textContent = 'Yours is in the form above. Which one do you want to keep?';
  const actions = document.createElement('div');
  actions.className = 'conflict-actions';
  const mine = document.createElement('button');
  mine.type = 'button';
  mine.className = 'button primary';
  mine.textContent = 'Keep mine';
  mine.addEventListener('click', () => { hideConflict(box); keepMine(); });
  const theirs = document.createElement('button');
  theirs.type = 'button';
  theirs.className = 'button';
  theirs.textContent = 'Use the saved version';
  theirs.addEventListener('click', () => { hideConflict(box); useSaved(); });
  actions.append(mine, theirs);
  box.append(heading, saved, yours, actions);
  box.hidden = false;
  mine.focus();
}

async function remove(id) {
  const highlight = highlights.get(id);
  if (!highlight) return;
  try {
    await api('DELETE', `/api/highlights/${id}`);
  } catch (error) {
    toast(`Could not delete: ${error.message}`);
    return;
  }
  highlights.delete(id);
  removeMarks(body, id);
  document.querySelector(`[data-note-for="${CSS.escape(id)}"]`)?.remove();
  updateEmptyStates();
  if (editor.open) closeEditor();
  toast('Highlight deleted', {
    label: 'Undo',
    run: () => restore(highlight),
  }, 8000);
}

async function restore(highlight) {
  if (highlight.orphan) {
    toast('A detached highlight cannot be restored here; it is in your export.');
    return;
  }
  await create({ start: highlight.start, end: highlight.end, exact: highlight.exact }, highlight.color, {
    id: highlight.id, note: highlight.note, tags: highlight.tags, createdAt: highlight.createdAt,
  });
}

async function reattach(id, range) {
  try {
    const updated = await api('POST', `/api/highlights/${id}/reattach`, range);
    reattaching = null;
    window.getSelection()?.removeAllRanges();
    hideToolbar();
    document.querySelector(`[data-note-for="${CSS.escape(id)}"]`)?.remove();
    place(updated);
    toast('Highlight re-attached');
  } catch (error) {
    toast(`Could not re-attach: ${error.message}`, undefined, 8000);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  save();
});
form.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    save();
  }
});
form.addEventListener('click', async (event) => {
  const action = event.target.closest('button')?.dataset.action;
  if (action === 'close') closeEditor();
  if (action === 'delete') remove(editing);
  if (action === 'copy-link') {
    const url = `${window.location.origin}/articles/${slug}#h-${editing}`;
    toast((await copyText(url)) ? 'Link to this highlight copied' : `Link: ${url}`);
  }
});

body.addEventListener('click', (event) => {
  const mark = event.target.closest('mark[data-highlight-id]');
  if (!mark || currentSelection()) return;
  openEditor(mark.dataset.highlightId);
});

// ---- notes panel -----------------------------------------------------------------------

function renderItem(highlight) {
  const existing = document.querySelector(`[data-note-for="${CSS.escape(highlight.id)}"]`);
  const item = document.createElement('li');
  item.className = 'note-item';
  item.dataset.noteFor = highlight.id;
  item.dataset.color = highlight.color;
  const quote = document.createElement('a');
  quote.className = 'note-quote';
  quote.href = `#h-${highlight.id}`;
  quote.dir = 'auto';
  quote.textContent = highlight.exact.length > 280 ? `${highlight.exact.slice(0, 277).trimEnd()}…` : highlight.exact;
  const meta = document.createElement('p');
  meta.className = 'note-meta';
  const swatch = document.createElement('span');
  swatch.className = `swatch hl-${highlight.color}`;
  swatch.setAttribute('aria-hidden', 'true');
  const colour = document.createElement('span');
  const label = document.querySelector(`.swatch-button[data-color="${highlight.color}"]`)?.title ?? colorNames[highlight.color];
  colour.textContent = label;
  meta.append(swatch, ' ', colour);
  highlight.tags.forEach((tag) => {
    const span = document.createElement('span');
    span.className = 'tag';
    span.textContent = `#${tag}`;
    meta.append(' ', span);
  });
  const note = document.createElement('div');
  note.className = 'note-body';
  note.innerHTML = highlight.noteHtml; // sanitised by the server's Markdown renderer
  const edit = document.createElement('button');
  edit.type = 'button';
  edit.className = 'link-button';
  edit.dataset.edit = highlight.id;
  edit.textContent = 'Edit';
  const context = document.createElement('span');
  context.className = 'visually-hidden';
  context.textContent = ` highlight “${quote.textContent}”`;
  edit.append(context);
  item.append(quote, meta, note, edit);
  item.dataset.order = String(orderOf(body, highlight.start));
  if (existing) {
    existing.replaceWith(item);
  } else {
    const order = Number(item.dataset.order);
    const after = Array.from(noteList.children).find((li) => Number(li.dataset.order ?? orderOf(body, highlights.get(li.dataset.noteFor)?.start ?? { anchor: '', offset: 0 })) > order);
    noteList.insertBefore(item, after ?? null);
  }
  updateEmptyStates();
}

function updateEmptyStates() {
  document.querySelector('[data-notes-empty]').hidden = noteList.children.length > 0;
  const orphans = document.querySelector('[data-orphans]');
  orphans.hidden = orphanList.children.length === 0;
}

document.querySelector('[data-notes-panel]').addEventListener('click', (event) => {
  const edit = event.target.closest('[data-edit]');
  if (edit) openEditor(edit.dataset.edit);
  const del = event.target.closest('[data-delete]');
  if (del) remove(del.dataset.delete);
  const again = event.target.closest('[data-reattach]');
  if (again) startReattach(again.dataset.reattach);
  const quote = event.target.closest('a.note-quote');
  if (quote) setTimeout(() => flash(quote.hash), 0);
});

const noteForm = document.querySelector('[data-article-note-form]');
async function saveArticleNote(version) {
  const conflict = noteForm.querySelector('[data-note-conflict]');
  hideConflict(conflict);
  try {
    const saved = await api('PUT', `/api/articles/${encodeURIComponent(slug)}/note`, { note: noteForm.elements.note.value },
      version ?? Number(noteForm.dataset.version ?? 0));
    showArticleNote(saved);
    toast('Article note saved');
  } catch (error) {
    if (error.status === 412 && error.problem?.current) {
      const current = error.problem.current;
      showConflict(conflict, current, {
        keepMine: () => saveArticleNote(current.version),
        useSaved: () => {
          noteForm.elements.note.value = current.note;
          showArticleNote(current);
        },
      });
      return;
    }
    toast(`Could not save the article note: ${error.message}`, undefined, 8000);
  }
}

function showArticleNote(saved) {
  noteForm.dataset.version = String(saved.version);
  noteForm.querySelector('[data-article-note-html]').innerHTML = saved.noteHtml; // sanitised by the server
}
noteForm.addEventListener('submit', (event) => {
  event.preventDefault();
  saveArticleNote();
});
noteForm.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    saveArticleNote();
  }
});

function startReattach(id) {
  reattaching = id;
  toast('Select the passage in the article, then choose “Re-attach here” (or press h).', undefined, 10000);
}

// ---- start -----------------------------------------------------------------------------

setCurrentColor(currentColor);
// My notes links a detached highlight here with ?reattach={id}.
const reattachId = new URLSearchParams(window.location.search).get('reattach');
if (reattachId && document.querySelector(`[data-note-for="${CSS.escape(reattachId)}"].orphan`)) startReattach(reattachId);
api('GET', `/api/articles/${encodeURIComponent(slug)}/highlights`)
  .then((list) => list.forEach((h) => highlights.set(h.id, h)))
  .catch((error) => toast(`Could not load your highlights: ${error.message}`));
