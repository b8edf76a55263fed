/* Fieldbook offline search.
 *
 * Works when the site is opened from disk (file://): the index is a set of classic scripts,
 * loaded on demand with <script> elements, which call FieldbookSearch.meta/docs/terms. No
 * fetch, no modules, no WebAssembly. Text is folded the way the build folds it (NFD, combining
 * marks removed, lowercase, Arabic prefixes such as ال taken off), and the stopword list comes
 * from the index itself, so the query is cut into the same terms as the pages were.
 */
(function () {
  "use strict";

  var here = document.currentScript;
  var base = (here && here.getAttribute("data-index")) || "search/";
  /* The site's root from this page (`../` from fr/search.html): results' paths are the
   * site's. And the page's language when it is the search page of another of the site's
   * languages, whose reader chose it: its pages are listed first. */
  var root = (here && here.getAttribute("data-root")) || "";
  var chosen = (here && here.getAttribute("data-language-first")) || "";
  var state = { meta: null, docs: {}, terms: {}, requested: {}, pending: [] };

  /* As text::fold: NFD, marks dropped (accents, Arabic diacritics and hamza), then the Arabic
   * letters people type interchangeably made one (alef wasla, ta marbuta, alef maqsura and
   * Persian ya), tatweel dropped, lowercase. */
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/\u0640/g, "").replace(/\u0671/g, "\u0627").replace(/\u0629/g, "\u0647")
      .replace(/[\u0649\u06CC]/g, "\u064A").toLowerCase();
  }

  /* As text::strip_arabic_prefixes: Arabic light stemming, prefixes only, on a folded word,
   * so that تعليم finds التعليم and والتعليم. An article (ال، وال، بال، كال، فال، لل, longest
   * first) goes when two letters or more remain; a leading و ("and") when three or more
   * remain, then an article after it; a و left at the front once the article is gone goes as a
   * word's first و does. The index was cut the same way, so both give the same terms. */
  var ARTICLES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644",
                  "\u0644\u0644", "\u0627\u0644"];

  function letters(text) {
    return Array.from(text).length;
  }

  function article(word) {
    for (var i = 0; i < ARTICLES.length; i++) {
      var rest = word.slice(ARTICLES[i].length);
      if (word.indexOf(ARTICLES[i]) === 0 && letters(rest) >= 2) return rest;
    }
    return null;
  }

  function waw(word) {
    return word.charAt(0) === "\u0648" && letters(word.slice(1)) >= 3 ? word.slice(1) : null;
  }

  function orSelf(stripped, word) {
    return stripped === null ? word : stripped;
  }

  function stripArabicPrefixes(word) {
    var rest = article(word);
    if (rest !== null) return orSelf(waw(rest), rest);
    rest = waw(word);
    if (rest === null) return word;
    var stem = article(rest);
    return stem === null ? rest : orSelf(waw(stem), stem);
  }

  /* As text::strip_arabic_suffixes: light10's endings (ها، ات، ون، ين، ية، ة، ي, as folded,
   * without the dual's ان), each tried once in this order and taken off when two letters or
   * more remain; a word of two or three letters is kept whole. */
  var SUFFIXES = ["\u0647\u0627", "\u0627\u062A", "\u0648\u0646", "\u064A\u0646", "\u064A\u0647",
                  "\u0647", "\u064A"];

  function stripArabicSuffixes(word) {
    var count = letters(word);
    if (count < 4) return word;
    SUFFIXES.forEach(function (suffix) {
      var ends = word.length >= suffix.length && word.slice(word.length - suffix.length) === suffix;
      if (ends && count >= suffix.length + 2) {
        word = word.slice(0, word.length - suffix.length);
        count -= suffix.length;
      }
    });
    return word;
  }

  /* As text::stem_arabic: a word's prefixes, then its endings, taken off. */
  function stemArabic(word) {
    return stripArabicSuffixes(stripArabicPrefixes(word));
  }

  function tokenize(text) {
    var meta = state.meta || { stop: [], maxTerm: 40 };
    var words = fold(text).match(/[\p{Alphabetic}\p{N}]+/gu) || [];
    var out = [];
    words.forEach(function (whole) {
      var word = stemArabic(whole);
      var chars = Array.from(word);
      if (chars.length < 2 && !/^[0-9]$/.test(word)) return;
      if (meta.stop.indexOf(word) >= 0) return;
      out.push(chars.length > meta.maxTerm ? chars.slice(0, meta.maxTerm).join("") : word);
    });
    return out;
  }

  function shardKey(term) {
    var first = Array.from(term)[0] || "";
    if (/^[a-z0-9]$/.test(first)) return first;
    return "u" + first.codePointAt(0).toString(16);
  }

  /* Load one index script once; call back when every requested script has arrived. */
  function need(file) {
    if (state.requested[file]) return;
    state.requested[file] = "loading";
    var script = document.createElement("script");
    script.src = base + file;
    script.onload = script.onerror = function () {
      state.requested[file] = "done";
      flush();
    };
    document.head.appendChild(script);
  }

  function ready(files) {
    return files.every(function (f) { return state.requested[f] === "done"; });
  }

  function after(files, callback) {
    files.forEach(need);
    if (ready(files)) callback();
    else state.pending.push({ files: files, callback: callback });
  }

  function flush() {
    var waiting = state.pending;
    state.pending = [];
    waiting.forEach(function (p) {
      if (ready(p.files)) p.callback();
      else state.pending.push(p);
    });
  }

  window.FieldbookSearch = {
    meta: function (meta) { state.meta = meta; },
    docs: function (shard, rows) { state.docs[shard] = rows; },
    terms: function (key, map) { state.terms[key] = map; },
    fold: fold,
    stripArabicPrefixes: stripArabicPrefixes,
    stemArabic: stemArabic,
    tokenize: tokenize,
    search: search
  };

  function postings(encoded) {
    var out = [];
    var doc = 0;
    encoded.split(",").forEach(function (entry) {
      var dot = entry.indexOf(".");
      doc += parseInt(entry.slice(0, dot), 36);
      out.push([doc, parseInt(entry.slice(dot + 1), 10)]);
    });
    return out;
  }

  /* Score every document that matches every word of the query. The last word also matches
   * as a prefix while the person is still typing it. */
  function rank(words, prefixLast) {
    var total = state.meta.docs;
    var scores = null;
    words.forEach(function (word, w) {
      var shard = state.terms[shardKey(word)] || {};
      var matches = {};
      var candidates = [];
      if (shard[word]) candidates.push([word, 1]);
      if (prefixLast && w === words.length - 1 || !shard[word]) {
        var extra = 0;
        Object.keys(shard).forEach(function (term) {
          if (term !== word && term.indexOf(word) === 0 && extra < 50) {
            candidates.push([term, 0.7]);
            extra += 1;
          }
        });
      }
      candidates.forEach(function (c) {
        var list = postings(shard[c[0]]);
        var idf = Math.log(1 + total / list.length);
        list.forEach(function (p) {
          var score = p[1] * idf * c[1];
          if (!matches[p[0]] || matches[p[0]] < score) matches[p[0]] = score;
        });
      });
      if (scores === null) {
        scores = matches;
      } else {
        var both = {};
        Object.keys(scores).forEach(function (doc) {
          if (matches[doc]) both[doc] = scores[doc] + matches[doc];
        });
        scores = both;
      }
    });
    return Object.keys(scores || {})
      .map(function (doc) { return [Number(doc), scores[doc]]; })
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  /* The reader's languages, most wanted first: the one the reader chose by opening another
   * language's search page, the browser's, then the page's. */
  function readerLanguages() {
    var wanted = [chosen].concat(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""])
      .concat([document.documentElement.lang || ""]);
    var out = [];
    wanted.forEach(function (tag) {
      [tag.toLowerCase(), tag.toLowerCase().split("-")[0]].forEach(function (l) {
        if (l && out.indexOf(l) < 0) out.push(l);
      });
    });
    return out;
  }

  /* A page published in several languages matches in each: keep one result for it, where
   * its best-ranked language stood, in the reader's language where it exists (else the one
   * that ranked best). Rows of pages in one language have no group and are kept as they are. */
  function oneLanguageEach(rows) {
    var wanted = readerLanguages();
    var preference = function (row) {
      var i = wanted.indexOf((row.lang || "").toLowerCase());
      if (i < 0) i = wanted.indexOf((row.lang || "").toLowerCase().split("-")[0]);
      return i < 0 ? wanted.length : i;
    };
    var chosen = {};
    rows.forEach(function (row) {
      if (!row.group) return;
      var best = chosen[row.group];
      if (!best || preference(row) < preference(best)) chosen[row.group] = row;
    });
    var out = [];
    var placed = {};
    rows.forEach(function (row) {
      if (!row.group) { out.push(row); return; }
      if (placed[row.group]) return;
      placed[row.group] = true;
      var pick = chosen[row.group];
      out.push({ kind: pick.kind, title: pick.title, path: pick.path, meta: pick.meta, snippet: pick.snippet,
                 score: row.score, lang: pick.lang, group: pick.group });
    });
    return out;
  }

  /* Run a query; callback(results, total) with the best `limit` (500 by default) results,
   * each {kind, title, path, meta, snippet, score, and for a page in several languages lang
   * and group}, and how many pages matched in all (a page in several languages once). */
  function search(query, callback, limit) {
    after(["meta.js"], function () {
      if (!state.meta) return callback([], 0);
      var words = tokenize(query);
      if (!words.length) return callback([], 0);
      var shards = [];
      words.forEach(function (word) {
        var key = shardKey(word);
        if (state.meta.shards.indexOf(key) >= 0 && shards.indexOf("terms-" + key + ".js") < 0) {
          shards.push("terms-" + key + ".js");
        }
      });
      after(shards, function () {
        var prefix = !/\s$/.test(query);
        var all = rank(words, prefix);
        var ranked = all.slice(0, limit || 500);
        var docShards = [];
        ranked.forEach(function (r) {
          var file = "docs-" + Math.floor(r[0] / state.meta.perShard) + ".js";
          if (docShards.indexOf(file) < 0) docShards.push(file);
        });
        after(docShards, function () {
          var rows = ranked.map(function (r) {
            var row = state.docs[Math.floor(r[0] / state.meta.perShard)][r[0] % state.meta.perShard];
            return { kind: row[0], title: row[1], path: row[2], meta: row[3], snippet: row[4], score: r[1],
                     lang: row[5], group: row[6] };
          });
          var shown = oneLanguageEach(rows);
          callback(shown, all.length - (rows.length - shown.length));
        });
      });
    });
  }

  /* ---- The search page ---------------------------------------------------------------- */

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Wrap the words of `text` that start with a query word in <mark>, comparing folded text
   * but keeping the original characters. */
  function highlight(text, words) {
    var folded = "";
    var origin = [];
    var chars = Array.from(text);
    var offset = 0;
    chars.forEach(function (ch) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) origin.push([offset, offset + ch.length]);
      folded += f;
      offset += ch.length;
    });
    var marks = [];
    var word = /[\p{Alphabetic}\p{N}]+/gu;
    var m;
    while ((m = word.exec(folded)) !== null) {
      /* The query's terms have no Arabic prefixes or endings: compare the word without its
       * own, and mark it from its start (والتعليم is marked whole for تعليم); a word whose
       * stem is a query's term is marked to its end (المعلمات for معلم). */
      var stem = stripArabicPrefixes(m[0]);
      var prefix = m[0].length - stem.length;
      var start = origin[m.index][0];
      if (words.indexOf(stripArabicSuffixes(stem)) >= 0) {
        marks.push([start, origin[m.index + m[0].length - 1][1]]);
        continue;
      }
      var matching = words.filter(function (w) { return stem.indexOf(w) === 0; });
      if (matching.length) {
        var longest = matching.reduce(function (a, b) { return a.length >= b.length ? a : b; });
        var end = origin[m.index + prefix + longest.length - 1][1];
        marks.push([start, end]);
      }
    }
    var out = "";
    var at = 0;
    marks.forEach(function (span) {
      out += escapeHtml(text.slice(at, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      at = span[1];
    });
    return out + escapeHtml(text.slice(at));
  }

  function setupPage() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-input");
    var status = document.getElementById("search-status");
    var results = document.getElementById("search-results");
    if (!form || !input || !results) return;
    var labels = JSON.parse(results.getAttribute("data-labels") || "{}");
    var order = ["community", "case-study", "project", "guidance", "page", "country", "tag", "reference"];
    var pageSize = 20;
    var timer = null;
    var latest = 0;

    var lang = document.documentElement.lang || undefined;

    /* A count as the page's language writes it: 2,000 in English, 2 000 in French; always
       with Latin digits, as Fieldbook writes numbers in Arabic too. */
    function number(n) {
      try {
        return n.toLocaleString(lang ? lang + "-u-nu-latn" : undefined);
      } catch (e) {
        return String(n);
      }
    }

    /* A counted phrase: the message of n's plural category in the page's language. */
    function counted(forms, n, values) {
      var category = "other";
      try {
        category = new Intl.PluralRules(lang).select(n);
      } catch (e) {
        category = n === 1 ? "one" : "other";
      }
      return fill(forms[category] || forms.other, values);
    }

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, key) {
        return key in values ? values[key] : all;
      });
    }

    function show(query, found, total) {
      var words = tokenize(query);
      results.innerHTML = "";
      if (!words.length) {
        status.textContent = "";
        return;
      }
      /* Only the best results are shown; the count is of every page that matched. */
      if (total > found.length) {
        status.textContent = labels.capped_forms
          ? counted(labels.capped_forms, total, { n: number(total), shown: number(found.length) })
          : fill(labels.capped, { total: number(total), shown: number(found.length) });
      } else if (labels.result_forms) {
        status.textContent = counted(labels.result_forms, found.length, { n: number(found.length) });
      } else {
        status.textContent = number(found.length) + " " + (found.length === 1 ? labels.result : labels.results);
      }
      order.forEach(function (kind) {
        var group = found.filter(function (r) { return r.kind === kind; });
        if (!group.length) return;
        var section = document.createElement("section");
        section.className = "result-group";
        section.innerHTML = "<h2>" + escapeHtml(labels[kind] || kind) + " <span class=\"count\">" + group.length + "</span></h2>";
        var list = document.createElement("ol");
        list.className = "results";
        function add(from) {
          group.slice(from, from + pageSize).forEach(function (r) {
            var item = document.createElement("li");
            /* Each result is isolated in its own direction: an Arabic title on an English
             * page, or an English one on an Arabic page, reads in its own order. */
            item.setAttribute("dir", "auto");
            if (r.lang) item.setAttribute("lang", r.lang);
            item.innerHTML = "<a href=\"" + escapeHtml(root + r.path) + "\"" + (r.lang ? " hreflang=\"" + escapeHtml(r.lang) + "\"" : "") + ">" + highlight(r.title, words) + "</a>" +
              (r.meta ? "<span class=\"card-meta\">" + escapeHtml(r.meta) + "</span>" : "") +
              (r.snippet ? "<p>" + highlight(r.snippet, words) + "</p>" : "");
            list.appendChild(item);
          });
        }
        add(0);
        section.appendChild(list);
        if (group.length > pageSize) {
          var more = document.createElement("button");
          more.type = "button";
          more.className = "more";
          more.textContent = labels.more + " (" + (group.length - pageSize) + ")";
          var shown = pageSize;
          more.addEventListener("click", function () {
            add(shown);
            shown += pageSize;
            if (shown >= group.length) more.remove();
          });
          section.appendChild(more);
        }
        results.appendChild(section);
      });
      if (!found.length) {
        results.innerHTML = "<p class=\"empty\">" + escapeHtml(labels.none) + "</p>";
      }
    }

    function run() {
      var query = input.value;
      var ticket = ++latest;
      search(query, function (found, total) {
        if (ticket === latest) show(query, found, total);
      });
      try {
        var url = window.location.pathname + (query ? "?q=" + encodeURIComponent(query) : "");
        window.history.replaceState(null, "", url);
      } catch (e) {
        /* Some browsers refuse history changes on file:// pages; the search still works. */
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    /* Arrow keys move between the search box and the results. */
    document.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(results.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
        if (links[at + 1]) links[at + 1].focus();
        event.preventDefault();
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : links[at - 1]).focus();
        event.preventDefault();
      } else if (event.key === "Escape") {
        input.focus();
        input.select();
      }
    });

    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) {
      input.value = params.get("q");
      run();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupPage);
  else setupPage();
})();
