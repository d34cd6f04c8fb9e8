// Runs before the stylesheet paints, so a remembered theme or text size never flashes.
(function () {
  try {
    var root = document.documentElement;
    // Scripts run: the display controls show from the first paint (site.css), nothing moves later.
    root.classList.add('js');
    var theme = localStorage.getItem('newsreader.theme');
    if (theme === 'dark' || theme === 'light') root.dataset.theme = theme;
    var size = localStorage.getItem('newsreader.fontSize');
    if (size && /^-?[0-9]$/.test(size)) root.dataset.fontSize = size;
  } catch (e) {
    // Storage can be unavailable (privacy modes); the system theme then applies.
  }
})();
