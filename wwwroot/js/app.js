// Shared page behaviour: display settings, paragraph links, deep-link flashes, toasts.
const root = document.documentElement;
const store = {
  get(key) { try { return localStorage.getItem(key); } catch { return null; } },
  set(key, value) { try { localStorage.setItem(key, value); } catch { /* not remembered */ } },
};

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
const isDark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : darkQuery.matches);

function initDisplayControls() {
  const controls = document.querySelector('[data-display-controls]');
  if (!controls) return;
  const toggle = controls.querySelector('[data-theme-toggle]');
  const sync = () => toggle.setAttribute('aria-pressed', String(isDark()));
  sync();
  darkQuery.addEventListener('change', sync);
  toggle.addEventListener('click', () => {
    root.dataset.theme = isDark() ? 'light' : 'dark';
    store.set('newsreader.theme', root.dataset.theme);
    sync();
  });
  controls.querySelectorAll('[data-font]').forEach((button) => {
    button.addEventListener('click', () => {
      const current = Number(root.dataset.fontSize || 0);
      const next = Math.max(-2, Math.min(4, current + (button.dataset.font === 'larger' ? 1 : -1)));
      root.dataset.fontSize = String(next);
      store.set('newsreader.fontSize', String(next));
      toast(`Text size ${next > 0 ? '+' : ''}${next}`);
    });
  });
}

let toastTimer;
/** Shows a short message in the page's status region, optionally with one action button. */
export function toast(message, action, timeout = 4000) {
  const region = document.querySelector('[data-toast]');
  if (!region) return;
  clearTimeout(toastTimer);
  region.replaceChildren();
  const text = document.createElement('span');
  text.textContent = message;
  region.append(text);
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = action.label;
    button.addEventListener('click', () => {
      clearTimeout(toastTimer);
      region.classList.remove('visible');
      region.replaceChildren();
      action.run();
    });
    region.append(' ', button);
  }
  region.classList.add('visible');
  toastTimer = setTimeout(() => {
    region.classList.remove('visible');
    region.replaceChildren();
  }, timeout);
}

/** Copies to the clipboard; false when the browser refuses or never answers (no permission). */
export async function copyText(text) {
  try {
    const timeout = new Promise((_, reject) => { setTimeout(() => reject(new Error('timeout')), 1500); });
    await Promise.race([navigator.clipboard.writeText(text), timeout]);
    return true;
  } catch {
    return false;
  }
}

/** Briefly marks the paragraph or highlight a deep link points to. */
export function flash(hash) {
  if (!hash || hash.length < 2) return;
  const id = decodeURIComponent(hash.slice(1));
  const targets = id.startsWith('h-')
    ? document.querySelectorAll(`mark[data-highlight-id="${CSS.escape(id.slice(2))}"]`)
    : [document.getElementById(id)].filter(Boolean);
  targets.forEach((el) => {
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
  });
  if (targets.length && id.startsWith('h-')) targets[0].scrollIntoView({ block: 'center' });
}

/** The paragraph (article block) that holds the caret or the selection's focus, if any. */
function blockAtCaret() {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const node = selection.focusNode;
  const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
  const block = element?.closest('[data-block]');
  return block && block.closest('[data-article-body]') ? block : null;
}

async function copyParagraphLink(link) {
  const url = new URL(link.getAttribute('href'), window.location.href).href;
  history.replaceState(null, '', url);
  flash(link.hash);
  toast((await copyText(url)) ? 'Link to this paragraph copied' : `Link: ${url}`);
}

function initPermalinks() {
  document.addEventListener('click', async (event) => {
    const link = event.target.closest('a.pl');
    if (!link) return;
    event.preventDefault();
    await copyParagraphLink(link);
  });
  // The ¶ links are out of the tab order; from the keyboard, "l" copies the caret's paragraph link.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'l' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target.closest?.('input, textarea, select, [contenteditable], dialog')) return;
    const link = blockAtCaret()?.querySelector('a.pl');
    if (!link) return;
    event.preventDefault();
    copyParagraphLink(link);
  });
  window.addEventListener('hashchange', () => flash(window.location.hash));
  if (window.location.hash) flash(window.location.hash);
}

// "/" goes to the header's search box from anywhere but a field being typed in.
function initSearchKey() {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target.closest?.('input, textarea, select, [contenteditable], dialog')) return;
    const box = document.querySelector('[data-search-box]');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
}

initDisplayControls();
initPermalinks();
initSearchKey();
