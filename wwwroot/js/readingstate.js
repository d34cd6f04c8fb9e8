// Where the reader is with this article (Library/): favourite, archive, read, and how far down
// they are. Progress is saved as they scroll (debounced) and once more when they leave, with no
// click; opening the article again returns there unless the URL points somewhere (#p-…, #h-…).
const box = document.querySelector('[data-reading-state]');

if (box) {
  const slug = document.querySelector('[data-reader]').dataset.slug;
  const url = `/api/articles/${encodeURIComponent(slug)}/state`;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  const body = document.querySelector('[data-article-body]');
  const readButton = box.querySelector('[data-state-read]');
  const note = document.querySelector('[data-continue]');
  let read = box.dataset.read === 'true';
  let saved = Number(box.dataset.progress) || 0;   // the progress the server has
  let seen = saved;                                 // the furthest point of this visit's last scroll
  let timer = 0;

  const save = async (change, keepalive = false) => {
    const response = await fetch(url, {
      method: 'PATCH',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', RequestVerificationToken: csrf },
      body: JSON.stringify(change),
      keepalive,
    });
    if (!response.ok) throw new Error(`Saving the reading state failed (${response.status})`);
    return response.json();
  };

  const show = (state) => {
    box.querySelectorAll('[data-state-toggle]').forEach((button) => {
      button.setAttribute('aria-pressed', String(state[button.dataset.stateToggle]));
    });
    read = state.read;
    readButton.textContent = read ? 'Mark as unread' : 'Mark as read';
    saved = state.progress;
  };

  box.querySelectorAll('[data-state-toggle]').forEach((button) => {
    button.addEventListener('click', () => {
      const field = button.dataset.stateToggle;
      save({ [field]: button.getAttribute('aria-pressed') !== 'true' }).then(show).catch(() => {});
    });
  });
  readButton.addEventListener('click', () => save({ read: !read }).then(show).catch(() => {}));

  // A toolbar: one Tab stop, the arrow keys (and Home / End) move between its buttons.
  const buttons = [...box.querySelectorAll('button')];
  box.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(document.activeElement);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (at < 0 || to === undefined) return;
    event.preventDefault();
    const next = buttons[(to + buttons.length) % buttons.length];
    buttons.forEach((button) => { button.tabIndex = button === next ? 0 : -1; });
    next.focus();
  });

  // 0 with the article's top at the top of the window, 1 with its end in view.
  const progressNow = () => {
    const rect = body.getBoundingClientRect();
    const travel = rect.height - window.innerHeight;
    if (travel <= 0) return rect.bottom <= window.innerHeight ? 1 : 0;
    return Math.min(1, Math.max(0, -rect.top / travel));
  };

  const change = () => {
    const progress = Math.round(seen * 1000) / 1000;
    // Every save is a commit, and a commit makes the server render kept pages again: only real moves count.
    if (Math.abs(progress - saved) < 0.02 && !(progress >= 0.98 && !read)) return null;
    return progress >= 0.98 && !read ? { progress, read: true } : { progress };
  };

  const flush = (keepalive = false) => {
    clearTimeout(timer);
    const pending = change();
    if (pending) {
      saved = pending.progress;
      save(pending, keepalive).then(show).catch(() => {});
    }
  };

  window.addEventListener('scroll', () => {
    seen = progressNow();
    clearTimeout(timer);
    timer = setTimeout(flush, 2000);
  }, { passive: true });
  window.addEventListener('pagehide', () => flush(true));
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(true); });

  // Back where the reader left off, unless the URL names a place or they had only begun (or finished).
  if (!location.hash && saved > 0.02 && saved < 0.98) {
    const rect = body.getBoundingClientRect();
    const travel = rect.height - window.innerHeight;
    if (travel > 0) {
      window.scrollTo({ top: window.scrollY + rect.top + saved * travel, behavior: 'instant' });
      note.hidden = false;
      note.querySelector('[data-continue-dismiss]').addEventListener('click', () => { note.hidden = true; }, { once: true });
    }
  }
}
