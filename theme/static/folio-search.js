// folio's site search: the results of the search dialog (theme/templates/partials/search_dialog.html),
// from the Pagefind index that `folio rewrite` writes to pagefind/. Loaded when the dialog is
// first opened; Pagefind's own script is loaded then too, from this site.
const MAX_RESULTS = 12;
const MAX_SUB_RESULTS = 3;

export function start(dialog) {
  const input = dialog.querySelector(".search-input");
  const status = dialog.querySelector(".search-status");
  const list = dialog.querySelector(".search-results");
  // The index's directory as a path of this origin: a preview on another host still finds it.
  const bundle = new URL(dialog.getAttribute("data-bundle"), location.href).pathname;
  let loading = null;
  let latest = 0;

  // Pagefind, loaded once (a query typed while it loads waits for the same load: the parts
  // must be merged once only); null when the index cannot be loaded.
  function load() {
    if (!loading) loading = loadOnce();
    return loading;
  }

  async function loadOnce() {
    try {
      const [module, parts] = await Promise.all([import(bundle + "pagefind.js"), partsOf(bundle)]);
      const options = { baseUrl: bundle.replace(/pagefind\/$/, ""), excerptLength: 24 };
      await module.options({ basePath: bundle, ...options });
      await module.init();
      // A large site's index is in parts (folio-parts.json lists them): each is merged into
      // the first, which holds Pagefind's script and WebAssembly.
      await Promise.all(parts.map((part) => module.mergeIndex(bundle + part, options)));
      return module;
    } catch (e) {
      status.textContent =
        "Search is not available: this site was built without its search index (run folio rewrite after zola build).";
      return null;
    }
  }

  // The other parts of the index, as paths below the bundle ("part-1/", …); none when the list
  // is missing (an index from before parts) or says none.
  async function partsOf(bundle) {
    try {
      const response = await fetch(bundle + "folio-parts.json");
      if (!response.ok) return [];
      const list = await response.json();
      return (list.parts || []).filter((p) => typeof p === "string" && /^part-[0-9]+\/$/.test(p));
    } catch (e) {
      return [];
    }
  }

  // An excerpt's text with Pagefind's <mark> around the words found, as DOM nodes: only <mark>
  // is kept, everything else is text.
  function excerpt(html) {
    const out = document.createElement("span");
    out.className = "search-excerpt";
    html.split(/(<mark>|<\/mark>)/).reduce((marked, part) => {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        const node = marked ? document.createElement("mark") : document.createTextNode(part);
        if (marked) node.textContent = part;
        out.appendChild(node);
      }
      return marked;
    }, false);
    return out;
  }

  function link(url, title, text, cls) {
    const a = document.createElement("a");
    a.className = cls;
    a.href = url;
    const t = document.createElement("span");
    t.className = "search-result-title";
    t.textContent = title;
    a.appendChild(t);
    if (text) a.appendChild(excerpt(text));
    return a;
  }

  function render(results, query) {
    list.replaceChildren();
    for (const r of results) {
      const li = document.createElement("li");
      li.className = "search-result";
      const title = (r.meta && r.meta.title) || r.url;
      li.appendChild(link(r.url, title, r.excerpt, "search-result-link"));
      const subs = (r.sub_results || []).filter((s) => s.url !== r.url).slice(0, MAX_SUB_RESULTS);
      if (subs.length) {
        const ul = document.createElement("ul");
        ul.className = "search-sub-results";
        for (const s of subs) {
          const sli = document.createElement("li");
          sli.appendChild(link(s.url, s.title, s.excerpt, "search-result-link search-sub-result"));
          ul.appendChild(sli);
        }
        li.appendChild(ul);
      }
      list.appendChild(li);
    }
    status.textContent = !query
      ? ""
      : results.length
        ? `${results.length === MAX_RESULTS ? "Top " : ""}${results.length} result${results.length === 1 ? "" : "s"} for \u201c${query}\u201d. Arrow down to reach them.`
        : `No results for \u201c${query}\u201d.`;
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++latest;
    if (!query) {
      render([], "");
      return;
    }
    const pf = await load();
    if (!pf || mine !== latest) return;
    const search = await pf.search(query);
    if (mine !== latest || !search) return;
    const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== latest) return;
    render(results, query);
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  input.addEventListener("input", run);
  dialog.addEventListener("keydown", (e) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown") {
      if (!all.length) return;
      e.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      if (at === 0) input.focus();
      else all[at - 1].focus();
    } else if (e.key === "Enter" && document.activeElement === input && all.length) {
      e.preventDefault();
      all[0].click();
    }
  });
  load().then(run);
}
