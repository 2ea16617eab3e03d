/* folio: al-folio's zoomable images (data-zoomable on an image or its figure), without
   medium-zoom. Loaded only by pages whose content has such an image. Each image becomes a
   button (Enter or Space, or a click, opens it); it opens in a modal <dialog> at the size of
   the screen, from its widest copy (the <picture>'s WebP srcset, else the image itself); a
   click anywhere, the close button or Escape closes it and gives the focus back. Without
   JavaScript the images stay as they are. Animation only when motion is not reduced (CSS). */
(function () {
  "use strict";
  var images = document.querySelectorAll("img[data-zoomable], [data-zoomable] img");
  if (!images.length || typeof HTMLDialogElement !== "function") return;
  var dialog = document.createElement("dialog");
  dialog.className = "zoom-dialog";
  dialog.setAttribute("aria-label", "Enlarged image");
  var close = document.createElement("button");
  close.type = "button";
  close.className = "zoom-close";
  close.setAttribute("aria-label", "Close the enlarged image");
  close.textContent = "\u00d7";
  var big = document.createElement("img");
  big.className = "zoom-image";
  big.alt = "";
  dialog.appendChild(close);
  dialog.appendChild(big);
  document.body.appendChild(dialog);
  var opener = null;

  function widest(img) {
    var picture = img.closest("picture");
    var source = picture && picture.querySelector("source[srcset]");
    if (source) {
      var best = null;
      source.getAttribute("srcset").split(",").forEach(function (c) {
        var p = c.trim().split(/\s+/);
        var w = parseInt(p[1], 10) || 0;
        if (p[0] && (!best || w > best.w)) best = { url: p[0], w: w };
      });
      if (best) return best.url;
    }
    return img.currentSrc || img.src;
  }
  function open(img) {
    opener = img;
    big.src = widest(img);
    big.alt = img.alt || "";
    dialog.showModal();
    close.focus();
  }
  dialog.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    if (opener) opener.focus();
    opener = null;
  });
  images.forEach(function (img) {
    img.setAttribute("tabindex", "0");
    img.setAttribute("role", "button");
    img.setAttribute("aria-haspopup", "dialog");
    img.classList.add("zoomable");
    var name = img.getAttribute("alt");
    img.setAttribute("aria-label", "Enlarge image" + (name ? ": " + name : ""));
    img.addEventListener("click", function () { open(img); });
    img.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        open(img);
      }
    });
  });
})();
