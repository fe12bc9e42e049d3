// The game day's web console: one EventSource for the state, plain form POSTs for the controls. No library, no CDN.
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token');
  var state = null;
  var me = null;   // {name, role} once signed in
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function time(iso) { return iso ? iso.substring(11, 19) + ' UTC' : ''; }
  function banner(text, cls) {
    var b = $('banner');
    b.textContent = text;
    b.className = 'banner ' + (cls || '');
    b.hidden = !text;
  }

  function post(path, fields) {
    var body = new URLSearchParams(fields || {});
    if (me) { body.set('name', me.name); }
    return fetch(path, {method: 'POST', headers: {'X-Chaos-Token': token, 'Content-Type': 'application/x-www-form-urlencoded'},
                        body: body.toString()})
      .then(function (r) { return r.json().then(function (j) { return {status: r.status, body: j}; }); })
      .then(function (r) {
        if (r.status !== 200) { banner(r.body.error || ('refused: ' + r.status), 'error'); }
        return r;
      })
      .catch(function (e) { banner('the console did not answer: ' + e, 'error'); return {status: 0, body: {}}; });
  }

  // --- rendering ---

  function renderSteps() {
    var list = $('steps');
    list.textContent = '';
    state.run.steps.forEach(function (s) {
      var li = el('li', (s.decision || '').split(' ')[0] + (state.waiting && state.waiting.number === s.number ? ' now' : ''));
      li.id = 'step-' + s.number;
      li.appendChild(el('strong', null, s.number + '. ' + s.name));
      li.appendChild(el('div', 'muted', s.fault + ' on ' + s.target + ', ' + s.when));
      if (s.decision) { li.appendChild(el('div', null, s.decision + ' by ' + s.decidedBy)); }
      list.appendChild(li);
    });
  }

  function renderWaiting() {
    var box = $('waiting');
    box.textContent = '';
    var w = state.waiting;
    box.hidden = !w;
    if (!w) { return; }
    box.appendChild(el('h3', null, 'Step ' + w.number + ' of ' + w.of + ': ' + w.name));
    var dl = el('dl');
    [['What', w.fault], ['Target', w.target], ['Expected', w.expected], ['When', w.when]].forEach(function (kv) {
      dl.appendChild(el('dt', null, kv[0]));
      dl.appendChild(el('dd', null, kv[1]));
    });
    box.appendChild(dl);
    if (state.operator) {
      [['proceed', 'Proceed', '/proceed'], ['skip', 'Skip', '/skip'], ['abort', 'Abort', '/abort']].forEach(function (b) {
        var button = el('button', b[0] === 'abort' ? 'abort' : null, b[1]);
        button.id = b[0];
        button.type = 'button';
        button.disabled = !me;
        button.addEventListener('click', function () {
          disableCard();
          post(b[2], {step: w.number});
        });
        box.appendChild(button);
      });
      if (!me) { box.appendChild(el('p', 'muted', 'Sign in to answer.')); }
    } else {
      box.appendChild(el('p', 'muted', 'Waiting for the operators to answer.'));
    }
  }
  function disableCard() {
    ['proceed', 'skip', 'abort'].forEach(function (id) { if ($(id)) { $(id).disabled = true; } });
  }

  function renderList(id, items, line) {
    var ul = $(id);
    ul.textContent = '';
    items.forEach(function (i) { ul.appendChild(line(i)); });
  }
  function renderNotes() {
    renderList('notes', state.notes.slice().reverse(), function (n) {
      var li = el('li', 'note');
      li.appendChild(el('div', 'meta', time(n.at) + ' · ' + (n.author || '')));
      li.appendChild(el('div', null, n.text));
      return li;
    });
  }
  function renderDecisions() {
    renderList('decisions', state.decisions, function (d) {
      var li = el('li', 'decision');
      li.appendChild(el('strong', null, d.choice));
      li.appendChild(el('span', 'meta', ' · ' + (d.author || '') + ' · ' + time(d.at) + (d.secondsAfterFault === null
        ? ' · no fault yet' : ' · ' + d.secondsAfterFault.toFixed(1) + ' s after fault ' + d.fault)));
      return li;
    });
  }
  function renderParticipants() {
    renderList('participants', state.participants, function (p) {
      return el('li', 'participant', p.name + (p.role ? ' — ' + p.role : '') + '  (' + time(p.joinedAt) + ')');
    });
  }
  function renderLog() {
    var ol = $('log');
    ol.textContent = '';
    state.log.forEach(function (l) { ol.appendChild(el('li', null, time(l.at) + ' ' + l.text)); });
    ol.scrollTop = ol.scrollHeight;
  }
  function renderActive() {
    var active = state.faults.filter(function (f) { return !f.healedAt; });
    $('active').textContent = active.length ? 'Active faults: ' + active.map(function (f) {
      return f.name + ' → ' + f.target;
    }).join('; ') : 'No fault active.';
  }

  // A small hand-drawn SVG chart: one series per second, shaded where a fault was in effect.
  function chart(id, key) {
    var svg = $(id);
    var w = svg.clientWidth || 600, h = svg.clientHeight || 180, pad = 34;
    var ticks = state.ticks;
    var span = Math.max(state.run.loadSeconds, ticks.length ? ticks[ticks.length - 1].t : 1, 1);
    var max = 1;
    ticks.forEach(function (t) { max = Math.max(max, t[key]); });
    var x = function (s) { return pad + (w - pad - 6) * s / span; };
    var y = function (v) { return h - 18 - (h - 28) * v / max; };
    var ns = 'http://www.w3.org/2000/svg';
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    // fault windows: seconds whose tick had a fault active
    var start = null;
    ticks.forEach(function (t, i) {
      var on = t.active && t.active.length > 0;
      if (on && start === null) { start = i > 0 ? ticks[i - 1].t : 0; }
      if ((!on || i === ticks.length - 1) && start !== null) {
        var r = document.createElementNS(ns, 'rect');
        r.setAttribute('class', 'fault');
        r.setAttribute('x', x(start));
        r.setAttribute('y', 4);
        r.setAttribute('width', Math.max(2, x(t.t) - x(start)));
        r.setAttribute('height', h - 22);
        svg.appendChild(r);
        start = null;
      }
    });
    var path = ticks.map(function (t, i) { return (i ? 'L' : 'M') + x(t.t).toFixed(1) + ' ' + y(t[key]).toFixed(1); }).join(' ');
    if (path) {
      var p = document.createElementNS(ns, 'path');
      p.setAttribute('class', 'line');
      p.setAttribute('d', path);
      svg.appendChild(p);
    }
    [[max, 14], [0, h - 20]].forEach(function (a) {
      var t = document.createElementNS(ns, 'text');
      t.setAttribute('class', 'axis');
      t.setAttribute('x', 2);
      t.setAttribute('y', a[1]);
      t.textContent = Math.round(a[0]);
      svg.appendChild(t);
    });
    var end = document.createElementNS(ns, 'text');
    end.setAttribute('class', 'axis');
    end.setAttribute('x', w - 60);
    end.setAttribute('y', h - 4);
    end.textContent = Math.round(span) + ' s';
    svg.appendChild(end);
  }
  function renderCharts() {
    chart('chart-p99', 'p99');
    chart('chart-ok', 'ok');
    chart('chart-errors', 'errors');
  }

  function renderMode() {
    document.body.classList.toggle('spectator', !state.operator);
    $('mode').textContent = state.operator ? (me ? 'operator: ' + me.name : 'operator (sign in)') : 'view only';
    $('signin-section').hidden = !state.operator || !!me;
    $('who').textContent = me ? 'Signed in as ' + me.name + (me.role ? ', ' + me.role : '') + '.' : '';
    ['heal-all', 'note-button', 'decide-invoke-dr', 'decide-stay', 'decide-other'].forEach(function (id) {
      $(id).disabled = !me || !!state.end;
    });
  }

  function renderEnd() {
    if (state.end) {
      banner('Run over: ' + state.end.verdict + ' (exit ' + state.end.exit + '). Report: ' + state.end.report, state.end.verdict);
      $('since-fault').textContent = '—';
    }
  }

  function renderAll() {
    $('title').textContent = 'Game day: ' + state.run.scenario;
    $('incident').textContent = state.run.incident || '';
    renderMode(); renderSteps(); renderWaiting(); renderNotes(); renderDecisions(); renderParticipants();
    renderLog(); renderActive(); renderCharts(); renderEnd();
  }

  // the clock since the last fault runs in the page, so it goes on while a step waits
  setInterval(function () {
    if (!state || state.end) { return; }
    var last = null;
    state.faults.forEach(function (f) { if (!last || f.injectedAt > last) { last = f.injectedAt; } });
    if (!last) { $('since-fault').textContent = 'no fault yet'; return; }
    var s = Math.max(0, Math.floor((Date.now() - Date.parse(last)) / 1000));
    $('since-fault').textContent = Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
  }, 250);

  // --- events ---

  function connect() {
    var es = new EventSource('events' + (token ? '?token=' + encodeURIComponent(token) : ''));
    es.addEventListener('snapshot', function (e) {
      state = JSON.parse(e.data);
      if (token && !state.operator) { banner('this link\'s token was not accepted: view only', 'error'); }
      if (state.operator && sessionStorage.getItem('chaos-me')) {
        // a reloaded page signs its participant in again (the server keeps the first sign-in)
        var saved = JSON.parse(sessionStorage.getItem('chaos-me'));
        post('/join', saved).then(function (r) { if (r.status === 200) { me = saved; renderAll(); } });
      }
      renderAll();
    });
    function on(name, f) {
      es.addEventListener(name, function (e) { if (state) { f(JSON.parse(e.data)); } });
    }
    on('tick', function (t) { state.ticks.push(t); renderCharts(); });
    on('log', function (l) { state.log.push(l); renderLog(); });
    on('fault', function (f) {
      state.faults = state.faults.filter(function (g) { return g.name !== f.name; }).concat([f]);
      renderActive();
    });
    on('step', function (s) {
      state.waiting = s.waiting;
      renderWaiting(); renderSteps();
      if (s.waiting && me) { $('waiting').focus(); }
    });
    on('answered', function (a) {
      state.run.steps.forEach(function (s) { if (s.number === a.number) { s.decision = a.decision; s.decidedBy = a.author; } });
      renderSteps();
    });
    on('note', function (n) { state.notes.push(n); renderNotes(); });
    on('decision', function (d) { state.decisions.push(d); renderDecisions(); });
    on('participant', function (p) {
      if (!state.participants.some(function (q) { return q.name === p.name; })) { state.participants.push(p); }
      renderParticipants();
    });
    on('end', function (e) { state.end = e; state.waiting = null; renderAll(); es.close(); });
    es.onerror = function () {
      if (state && state.end) { es.close(); return; }
      $('mode').textContent = 'reconnecting…';
    };
  }

  // --- controls ---

  function wire() {
    $('signin').addEventListener('submit', function (e) {
      e.preventDefault();
      var who = {name: $('signin-name').value.trim(), role: $('signin-role').value.trim()};
      if (!who.name) { banner('sign in with your name', 'error'); return; }
      me = null;
      post('/join', who).then(function (r) {
        if (r.status === 200) {
          me = who;
          sessionStorage.setItem('chaos-me', JSON.stringify(who));
          banner('');
          renderAll();
        }
      });
    });
    $('note-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var text = $('note').value.trim();
      if (!text) { return; }
      post('/note', {text: text}).then(function (r) { if (r.status === 200) { $('note').value = ''; } });
    });
    $('decide').addEventListener('submit', function (e) {
      e.preventDefault();
      var choice = (e.submitter && e.submitter.dataset.choice) || $('choice').value.trim();
      if (!choice) { banner('say what the room decided', 'error'); return; }
      post('/decision', {choice: choice}).then(function (r) { if (r.status === 200) { $('choice').value = ''; } });
    });
    $('heal-all').addEventListener('click', function () {
      $('heal-all').disabled = true;
      post('/abort', {}).then(function (r) { if (r.status === 200) { banner('Aborting: healing every fault, then writing the report', 'ABORTED'); } });
    });
    document.addEventListener('keydown', function (e) {
      if (!e.altKey) { return; }
      var key = e.key.toLowerCase();
      var target = key === 'p' ? $('proceed') : key === 's' ? $('skip') : key === 'n' ? $('note') : null;
      if (target && !target.disabled) {
        e.preventDefault();
        if (target.tagName === 'BUTTON') { target.click(); } else { target.focus(); }
      }
    });
  }

  wire();
  connect();
})();
