// The reader's tags on the article, and what administrators do to it (a new title, delete).
// Each form also works without JavaScript (a plain POST); with it, the change goes through the
// API and a problem is shown beside the field.
const reader = document.querySelector('[data-reader]');
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;

async function send(method, url, payload) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', RequestVerificationToken: csrf },
    body: JSON.stringify(payload),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const fields = data?.errors ? Object.values(data.errors).flat().join(' ') : '';
    throw new Error(fields || data?.detail || data?.title || `Request failed (${response.status})`);
  }
  return data;
}

if (reader) {
  const base = `/api/articles/${encodeURIComponent(reader.dataset.slug)}`;

  const tagsForm = document.querySelector('[data-article-tags-form]');
  tagsForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = tagsForm.querySelector('[data-article-tags-error]');
    const input = tagsForm.elements.tags;
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    const tags = [...new Set(input.value.split(',').map((t) => t.trim().replace(/^#+/, '').trim().toLowerCase()).filter(Boolean))];
    // The server's rules (HighlightRules), checked here first so a slip is named without a round trip.
    const tooLong = tags.find((t) => t.length > MAX_TAG_LENGTH);
    const problem = tags.length > MAX_TAGS ? `At most ${MAX_TAGS} tags; this has ${tags.length}.`
      : tooLong ? `Tag '${tooLong.slice(0, 20)}…' is too long; a tag can have at most ${MAX_TAG_LENGTH} characters.` : '';
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = `Could not save the tags: ${problem}`;
      return;
    }
    try {
      const saved = await send('PUT', `${base}/tags`, { tags });
      input.value = saved.tags.join(', ');
      const list = tagsForm.querySelector('[data-article-tag-list]');
      list.replaceChildren(...saved.tags.map((tag) => {
        const link = document.createElement('a');
        link.className = 'tag';
        link.href = `/?tag=${encodeURIComponent(tag)}`;
        link.textContent = `#${tag}`;
        return link;
      }));
      error.textContent = '';
      tagsForm.querySelector('[data-article-tags-saved]')?.remove();
      const status = document.createElement('span');
      status.className = 'visually-hidden';
      status.setAttribute('role', 'status');
      status.dataset.articleTagsSaved = '';
      status.textContent = 'Tags saved';
      tagsForm.append(status);
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = `Could not save the tags: ${e.message}`;
    }
  });

  const titleForm = document.querySelector('[data-article-title-form]');
  titleForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = titleForm.querySelector('[data-article-title-error]');
    const input = titleForm.elements.title;
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    if (input.value.trim() === '') {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = 'Could not save the title: A title cannot be empty.';
      return;
    }
    try {
      const saved = await send('PATCH', base, { title: input.value });
      document.getElementById('article-title').textContent = saved.title;
      document.title = document.title.replace(/^.*?( · |$)/, `${saved.title}$1`);
      input.value = saved.title;
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = `Could not save the title: ${e.message}`;
    }
  });

  const dialog = document.querySelector('[data-delete-dialog]');
  document.querySelector('[data-delete-article]')?.addEventListener('click', () => dialog.showModal());
  dialog?.querySelector('[data-delete-cancel]').addEventListener('click', () => dialog.close());
}
