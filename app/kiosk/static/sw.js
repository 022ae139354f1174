/* Vox service worker: keeps each opened round's page and audio so it works offline.
   Pages: network first, the cached copy when offline. Audio and kiosk assets: cache first. */
var CACHE = "vox-rounds-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.cache) || [];
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return cache.add(new Request(url, { credentials: "omit" })).catch(function () {});
    }));
  }));
});

function cached(request) {
  var options = { ignoreSearch: true, ignoreVary: true };
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, options).then(function (found) {
      return found || cache.match(new URL(request.url).pathname, options);
    });
  });
}

function keep(request, response) {
  if (response.ok) {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.status >= 500) {
        return cached(request).then(function (found) { return found || response; });
      }
      return keep(request, response);
    }).catch(function () {
      return cached(request).then(function (found) { return found || Response.error(); });
    }));
    return;
  }
  if (url.pathname.indexOf("/audio/") > 0 || url.pathname.indexOf("/r/speech/") === 0 ||
      url.pathname.indexOf("/r/voice/") === 0 ||
      url.pathname.indexOf("/kiosk-static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) { return keep(request, response); });
    }));
  }
});
