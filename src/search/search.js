// gazette's search client: reads the index under search/index/ (format: docs/search.md).
// No dependencies. Loads the manifest, then only the word chunks a query needs and the
// fragment batches of the results it shows.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var base = root.getAttribute("data-index");
  var form = root.querySelector("form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var details = root.querySelector(".search-filters");
  var selects = {
    tag: document.getElementById("search-tag"),
    source: document.getElementById("search-source"),
    edition: document.getElementById("search-edition"),
  };
  var sort = document.getElementById("search-sort");
  var PAGE = 5;
  // The posting strings' digits (src/search/index.rs, push_posting).
  var DIGIT = new Int8Array(128);
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("")
    .forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  var cache = {};
  // The index's manifest, written in by the build (src/search/mod.rs, client_js).
  var manifest = /*manifest*/null;
  var filtersLoaded = null;
  var shown = [];
  var run = 0;
  // The page's words, in the site's language (src/search/mod.rs, client_messages).
  var lang = document.documentElement.lang || "en";
  var messages = JSON.parse(root.getAttribute("data-messages") || "{}");

  function message(name, values) {
    var text = messages[name] || "";
    if (typeof text === "object") {
      var category = "other";
      try { category = new Intl.PluralRules(lang).select(values.count); } catch (e) { /* old browser */ }
      text = text[category] || text.other || "";
    }
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function fetchJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  // As the index normalizes (src/search/words.rs): NFKC, case folded, marks removed, and
  // the letters with a stroke written plain (STROKED there).
  var STROKED = { "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ı": "i" };
  function normalize(word) {
    return word.normalize("NFKC").toLowerCase().replace(/ß/g, "ss")
      .normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(/[łøđħŧı]/g, function (c) { return STROKED[c]; });
  }
  var CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff";
  var CJK = new RegExp("[" + CJK_CHARS + "]", "gu");
  var IS_CJK = new RegExp("[" + CJK_CHARS + "]", "u");
  // One letter after an apostrophe that follows a letter (Earth's, don't) is no word, as
  // in the index.
  var CLITIC = /([\p{L}\p{N}])['\u2019][\p{L}\p{N}](?![\p{L}\p{N}\p{M}])/gu;
  function words(text) {
    return text.replace(CLITIC, "$1").replace(CJK, " $& ")
      .match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) || [];
  }

  // The chunk whose first word is the last one not after `word`.
  function chunkOf(word) {
    var firsts = manifest.chunks, lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Stories matching one word: Map id -> score, plus snippets and the forms matched.
  // With `prefix`, every indexed word starting with it counts (at most 3 chunks read).
  function lookup(word, prefix) {
    var first = chunkOf(word), ids = [first];
    if (prefix) {
      for (var j = first + 1; j < manifest.chunks.length && j < first + 3; j++) {
        if (manifest.chunks[j].lastIndexOf(word, 0) !== 0) break;
        ids.push(j);
      }
    }
    return Promise.all(ids.map(function (i) { return fetchJSON("w/" + i + ".json"); }))
      .then(function (chunks) {
        var scores = new Map(), titles = new Set(), snippets = new Map(), forms = new Set();
        chunks.forEach(function (chunk) {
          var seen = new Set();
          Object.keys(chunk.w).forEach(function (form) {
            var exact = form === word;
            if (!exact && !(prefix && form.lastIndexOf(word, 0) === 0)) return;
            forms.add(form);
            var k = chunk.w[form], weight = exact ? 1 : 0.6, key = k + (exact ? "=" : "~");
            if (seen.has(key)) return;
            seen.add(key);
            // Each posting: the id's gap five bits a digit (32 marks one more), then the
            // score (doubled, plus one for a title word) in two digits.
            var p = chunk.s[k], id = 0, at = 0;
            while (at < p.length) {
              var gap = 0, unit = 1, d = DIGIT[p.charCodeAt(at++)];
              while (d & 32) {
                gap += (d & 31) * unit;
                unit *= 32;
                d = DIGIT[p.charCodeAt(at++)];
              }
              id += gap + d * unit;
              var raw = DIGIT[p.charCodeAt(at)] * 64 + DIGIT[p.charCodeAt(at + 1)];
              at += 2;
              var s = (raw >> 1) / manifest.scale * weight;
              if (!(scores.get(id) >= s)) scores.set(id, s);
              if (raw & 1) titles.add(id);
            }
            chunk.x.forEach(function (x) {
              if (x[0] === k && !snippets.has(x[1])) snippets.set(x[1], x[2]);
            });
          });
        });
        // BM25's idf of the word as the query has it: every story any of its forms names.
        var df = scores.size, n = manifest.records;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        scores.forEach(function (s, id) { scores.set(id, s * idf); });
        return { scores: scores, titles: titles, idf: idf, snippets: snippets, forms: forms };
      });
  }

  function filterIds() {
    var wanted = [];
    if (selects.tag && selects.tag.value) wanted.push("#t:" + selects.tag.value);
    if (selects.source && selects.source.value) wanted.push("#s:" + selects.source.value);
    if (selects.edition && selects.edition.value) wanted.push("#e:" + selects.edition.value);
    return Promise.all(wanted.map(function (w) {
      return lookup(w, false).then(function (r) { return new Set(r.scores.keys()); });
    }));
  }

  // Ranked ids: the stories with every word, by summed BM25 (or newest first); when no
  // story has every word, those with some of them, most words first (`partial`).
  function search(query) {
    var terms = [];
    words(query).forEach(function (w) {
      var n = normalize(w);
      if (terms.indexOf(n) < 0) terms.push(n);
    });
    if (!terms.length) return byFilters();
    var last = terms.length - 1;
    var lookups = terms.map(function (t, i) {
      return lookup(t, i === last && !IS_CJK.test(t) && t.length >= 2);
    });
    return Promise.all([Promise.all(lookups), filterIds()]).then(function (all) {
      var found = all[0], filters = all[1], total = new Map();
      var snippets = new Map(), forms = new Set();
      var idfs = 0;
      found.forEach(function (r) {
        idfs += r.idf;
        r.scores.forEach(function (s, id) {
          var t = total.get(id) || { id: id, score: 0, hits: 0, inTitle: 0 };
          t.score += s; t.hits += 1;
          if (r.titles.has(id)) t.inTitle += r.idf;
          total.set(id, t);
        });
        r.snippets.forEach(function (text, id) { if (!snippets.has(id)) snippets.set(id, text); });
        r.forms.forEach(function (f) { forms.add(f); });
      });
      // A title holding the query's words: its share of the query's idf, squared, so a
      // title with only the common words of the query counts for little.
      total.forEach(function (t) {
        if (t.inTitle > 0) {
          t.score += manifest.title_boost * t.inTitle * Math.pow(t.inTitle / idfs, 2);
        }
      });
      var hits = Array.from(total.values()).filter(function (t) {
        return filters.every(function (set) { return set.has(t.id); });
      });
      var every = hits.filter(function (t) { return t.hits === terms.length; });
      var partial = every.length === 0;
      if (!partial) hits = every;
      var byDate = sort && sort.value === "date";
      var order = function (a, b) {
        return (b.hits - a.hits) || (byDate ? a.id - b.id : (b.score - a.score) || (a.id - b.id));
      };
      return { hits: hits, order: order, partial: partial, snippets: snippets, forms: forms, terms: terms };
    });
  }

  // No words, some filters: every story they all name, newest first (ids go by date).
  function byFilters() {
    return filterIds().then(function (filters) {
      if (!filters.length) return null;
      var ids = Array.from(filters[0]).filter(function (id) {
        return filters.every(function (set) { return set.has(id); });
      }).sort(function (a, b) { return a - b; });
      var hits = ids.map(function (id) { return { id: id, score: 0, hits: 0 }; });
      var order = function (a, b) { return a.id - b.id; };
      return { hits: hits, order: order, partial: false, snippets: new Map(), forms: new Set(), terms: [], listing: true };
    });
  }

  function fragment(id) {
    var batch = Math.floor(id / manifest.batch);
    return fetchJSON("s/" + batch + ".json").then(function (b) { return b[id % manifest.batch]; });
  }

  // `text` as nodes, with the words the query matched in <mark>.
  function highlighted(text, forms, terms) {
    var out = document.createDocumentFragment(), at = 0;
    var re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu, m;
    while ((m = re.exec(text))) {
      var n = normalize(m[0]);
      var hit = forms.has(n) || terms.some(function (t) { return t.length > 1 && n.lastIndexOf(t, 0) === 0; });
      if (!hit) continue;
      out.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      out.appendChild(mark);
      at = m.index + m[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(at)));
    return out;
  }

  function item(f, snippet, result) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = f[0];
    a.appendChild(highlighted(f[1], result.forms, result.terms));
    h.appendChild(a);
    li.appendChild(h);
    var meta = [];
    if (f[2]) meta.push(f[2]);
    if (f[3]) meta.push(f[3]);
    if (meta.length) {
      var p = document.createElement("p");
      p.className = "search-meta";
      if (f[2]) {
        var time = document.createElement("time");
        time.dateTime = f[2];
        time.textContent = f[5] || f[2];
        p.appendChild(time);
      }
      if (f[2] && f[3]) p.appendChild(document.createTextNode(" · "));
      if (f[3]) p.appendChild(document.createTextNode(f[3]));
      li.appendChild(p);
    }
    var x = document.createElement("p");
    x.className = "search-excerpt";
    x.appendChild(highlighted(snippet || f[4], result.forms, result.terms));
    li.appendChild(x);
    return li;
  }

  // Puts hits[from..to) in `order`, those before `from` being in order already (the order
  // is total: ids break ties). A page at a time: a word in thousands of stories shows its
  // first five without sorting them all.
  function rank(hits, from, to, order) {
    for (var i = from; i < Math.min(to, hits.length); i++) {
      var best = i;
      for (var j = i + 1; j < hits.length; j++) {
        if (order(hits[j], hits[best]) < 0) best = j;
      }
      var t = hits[i]; hits[i] = hits[best]; hits[best] = t;
    }
  }

  function showMore(result, mine) {
    rank(result.hits, shown.length, shown.length + PAGE, result.order);
    var next = result.hits.slice(shown.length, shown.length + PAGE);
    shown = shown.concat(next);
    return Promise.all(next.map(function (h) { return fragment(h.id); })).then(function (frags) {
      if (mine !== run) return;
      frags.forEach(function (f, i) {
        if (f) list.appendChild(item(f, result.snippets.get(next[i].id), result));
      });
      more.hidden = shown.length >= result.hits.length;
    });
  }

  var current = null;
  function go() {
    var query = input.value.trim();
    var mine = ++run;
    updateURL(query);
    if (!query && !anyFilter()) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    return search(query).then(function (result) {
      if (mine !== run) return;
      list.textContent = "";
      shown = [];
      current = result;
      var n = result ? result.hits.length : 0;
      var listing = result && result.listing;
      status.textContent = n === 0 && !listing ? message("none", { query: query })
        : message(listing ? "listed" : result.partial ? "some" : "matches", { count: n, query: query });
      // "done" once the first results are on the page, not just counted.
      if (!n) more.hidden = true;
      var listed = n ? showMore(result, mine) : Promise.resolve();
      return listed.then(function () { if (mine === run) root.setAttribute("data-state", "done"); });
    }).catch(function (e) {
      status.textContent = message("failed", { error: e.message });
    });
  }

  function anyFilter() {
    return Object.keys(selects).some(function (k) { return selects[k] && selects[k].value; });
  }

  function updateURL(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(selects).forEach(function (k) {
      if (selects[k] && selects[k].value) params.set(k, selects[k].value);
    });
    if (sort && sort.value === "date") params.set("sort", "date");
    var qs = params.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = fetchJSON("filters.json").then(function (f) {
        [["tag", f.tags], ["source", f.sources], ["edition", f.editions]].forEach(function (pair) {
          var select = selects[pair[0]];
          if (!select) return;
          var want = select.getAttribute("data-want") || "";
          // A linked value the site does not have (a renamed tag) is shown, with no stories.
          var known = pair[1].some(function (v) { return v[0] === want; });
          var values = want && !known ? pair[1].concat([[want, want, 0]]) : pair[1];
          values.forEach(function (v) {
            var o = document.createElement("option");
            o.value = v[0];
            o.textContent = v[1] + " (" + v[2] + ")";
            if (v[0] === want) o.selected = true;
            select.appendChild(o);
          });
        });
      });
    }
    return filtersLoaded;
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(go, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    go();
  });
  Object.keys(selects).forEach(function (k) {
    if (selects[k]) selects[k].addEventListener("change", go);
  });
  if (sort) sort.addEventListener("change", go);
  if (details) details.addEventListener("toggle", function () { if (details.open) loadFilters(); });
  more.addEventListener("click", function () { if (current) showMore(current, run); });

  form.hidden = false;
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  var filtered = false;
  Object.keys(selects).forEach(function (k) {
    var v = params.get(k);
    if (v && selects[k]) { selects[k].setAttribute("data-want", v); filtered = true; }
  });
  if (sort && params.get("sort") === "date") sort.value = "date";
  // The manifest is here already, so the query's chunks are asked for before the page's
  // first paint.
  root.setAttribute("data-state", "ready");
  var ready = filtered ? loadFilters().then(function () { if (details) details.open = true; }) : Promise.resolve();
  ready.then(function () { if (input.value.trim() || filtered) return go(); }).catch(function (e) {
    status.textContent = message("failed", { error: e.message });
  });
})();
