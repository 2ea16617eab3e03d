/* folio: al-folio's tabs (jekyll-tabs: {% tabs %}{% tab %}…), as `folio import` writes them:
   <div class="tabs" data-tabs> of <section class="tab-panel"><p class="tab-title">NAME</p>….
   Loaded only by pages that have them. Each group becomes a tab list (WAI-ARIA tabs: the
   arrow keys, Home and End move between the tabs, the panel follows); without JavaScript the
   panels stay one under the other, each with its name. */
(function () {
  "use strict";
  var groups = document.querySelectorAll("div.tabs[data-tabs]");
  groups.forEach(function (group, g) {
    var panels = Array.prototype.filter.call(group.children, function (c) {
      return c.classList && c.classList.contains("tab-panel");
    });
    if (!panels.length) return;
    var list = document.createElement("div");
    list.className = "tab-list";
    list.setAttribute("role", "tablist");
    var tabs = panels.map(function (panel, i) {
      var title = panel.querySelector(":scope > .tab-title");
      var id = "tabs-" + g + "-" + i;
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "tab";
      tab.id = id + "-tab";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", id);
      tab.textContent = title ? title.textContent : String(i + 1);
      if (title) title.hidden = true;
      panel.id = id;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.setAttribute("tabindex", "0");
      list.appendChild(tab);
      return tab;
    });
    function select(n, focus) {
      tabs.forEach(function (tab, i) {
        var on = i === n;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[i].hidden = !on;
      });
      if (focus) tabs[n].focus();
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(i, false); });
      tab.addEventListener("keydown", function (e) {
        var n = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (n === undefined) return;
        e.preventDefault();
        select((n + tabs.length) % tabs.length, true);
      });
    });
    group.insertBefore(list, group.firstChild);
    group.classList.add("tabs-ready");
    select(0, false);
  });
})();
