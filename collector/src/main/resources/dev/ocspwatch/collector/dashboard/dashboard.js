// ocspwatch dashboard: plain JavaScript over the collector's JSON API, no framework, no CDN.
// Every string from the API is untrusted (subjects, URLs and reasons come from CT logs and
// responders), so it only ever enters the page as a text node or an attribute value: this
// file never assigns innerHTML, outerHTML or document.write, and builds no href from data.
'use strict';
(function () {
  const REFRESH_MS = 10000;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const VERDICTS = ['COMPLIANT', 'VIOLATION', 'INCONCLUSIVE', 'NOT_APPLICABLE'];
  // Worst first: a matrix cell takes the colour of the worst status it holds.
  const STATUSES = ['RESPONDER_FAILURE', 'TRANSPORT_FAILURE', 'BLOCKED', 'NOT_ASKED', 'AUTHORITATIVE'];
  // DESIGN.md's outcome groups; every other outcome is the responder's non-authoritative answer.
  const GROUPS = {
    GOOD: 'authoritative', REVOKED: 'authoritative',
    DNS_FAILURE: 'transport', CONNECT_FAILURE: 'transport', TLS_FAILURE: 'transport', TIMEOUT: 'transport',
    BLOCKED: 'policy'
  };

  // ---- DOM helpers: text nodes only ----

  function append(node, children) {
    for (const child of children) {
      if (child == null || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    }
    return node;
  }

  function attrs(node, map) {
    for (const [name, value] of Object.entries(map || {})) {
      if (value == null || value === false) continue;
      node.setAttribute(name === 'className' ? 'class' : name, String(value));
    }
    return node;
  }

  function h(tag, map, ...children) {
    return append(attrs(document.createElement(tag), map), children);
  }

  function s(tag, map, ...children) {
    return append(attrs(document.createElementNS(SVG_NS, tag), map), children);
  }

  function fill(node, ...children) {
    node.replaceChildren();
    return append(node, children);
  }

  const byId = (id) => document.getElementById(id);

  // ---- formatting ----

  const group = (outcome) => GROUPS[outcome] || 'responder';
  const millis = (iso) => (iso ? Date.parse(iso) : NaN);

  function utc(iso, withSeconds = true) {
    if (!iso) return '-';
    const text = new Date(iso).toISOString();
    return text.slice(0, 10) + ' ' + text.slice(11, withSeconds ? 19 : 16) + 'Z';
  }

  function clock(ms) {
    return new Date(ms).toISOString().slice(11, 19);
  }

  function duration(ms) {
    if (ms == null) return '-';
    const abs = Math.abs(ms);
    const sign = ms < 0 ? '-' : '';
    if (abs < 1000) return sign + abs + ' ms';
    if (abs < 60000) return sign + (abs / 1000).toFixed(abs < 10000 ? 1 : 0) + ' s';
    const minutes = Math.floor(abs / 60000);
    const seconds = Math.floor((abs % 60000) / 1000);
    if (minutes < 60) return sign + minutes + 'm ' + String(seconds).padStart(2, '0') + 's';
    return sign + Math.floor(minutes / 60) + 'h ' + String(minutes % 60).padStart(2, '0') + 'm';
  }

  function host(url) {
    try {
      return new URL(url).host;
    } catch (e) {
      return String(url);
    }
  }

  const shortHash = (hex) => (hex ? hex.slice(0, 12) + '…' : '-');

  function shortId(id) {
    const colon = id.indexOf(':');
    return colon < 0 ? id : id.slice(0, 8) + '…:' + id.slice(colon + 1);
  }

  const certificateHref = (id) => '#/certificates/' + encodeURIComponent(id);

  function failureText(ref) {
    if (!ref) return '-';
    const parts = [ref.outcome, 'in', ref.region];
    const how = [ref.method, ref.httpStatus != null ? 'HTTP ' + ref.httpStatus : null].filter(Boolean).join(', ');
    if (how) parts.push('(' + how + ')');
    if (ref.sentAt) parts.push('at ' + clock(millis(ref.sentAt)) + 'Z');
    return parts.join(' ');
  }

  // ---- API ----

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    return { status: response.status, ok: response.ok, body: body };
  }

  function expectOk(answer, what) {
    if (!answer.ok) {
      const detail = answer.body && answer.body.error ? ': ' + answer.body.error : '';
      throw new Error(what + ' answered HTTP ' + answer.status + detail);
    }
    return answer.body;
  }

  // ---- overview ----

  function violationRow(v) {
    const failing = (v.regions || []).filter((r) => r.status !== 'AUTHORITATIVE');
    return h('tr', { className: 'violation', 'data-certificate-id': v.certificateId },
      h('td', { className: 'cert mono' }, h('a', { href: certificateHref(v.certificateId) }, shortId(v.certificateId))),
      h('td', { className: 'subject' }, v.subject || '-'),
      h('td', { className: 'issuer' }, v.issuerSubject || shortHash(v.issuerSpkiSha256)),
      h('td', { className: 'responder' }, (v.ocspUrls || []).map(host).join(', ') || '-'),
      h('td', { className: 'failing-regions' }, failing.map((r) =>
        h('span', { className: 'chip status-' + r.status, 'data-region': r.region, title: r.status }, r.region + ': ' + r.status))),
      h('td', { className: 'first-failure' }, failureText(v.firstFailure)),
      h('td', { className: 'deadline mono' }, utc(v.deadline)),
      h('td', { className: 'link' }, h('a', { href: certificateHref(v.certificateId) }, 'timeline')));
  }

  function fillViolations(page) {
    const body = byId('violations').tBodies[0];
    if (page.items.length === 0) {
      fill(body, h('tr', { className: 'empty' }, h('td', { colspan: 8 }, 'No certificate is in violation.')));
      return;
    }
    fill(body, page.items.map(violationRow),
      page.next ? h('tr', { className: 'more' }, h('td', { colspan: 8 }, 'More violations exist: see api/verdicts?verdict=VIOLATION')) : null);
  }

  function fillIssuers(items) {
    const rows = items.map((i) => h('tr', { 'data-issuer': i.issuerSpkiSha256 || '' },
      h('td', { className: 'issuer' }, h('div', {}, i.issuerSubject || '(unnamed issuer)'),
        h('div', { className: 'hash mono' }, shortHash(i.issuerSpkiSha256))),
      h('td', { className: 'num decided' }, i.decided),
      VERDICTS.map((v) => h('td', { className: 'num count count-' + v + (i.verdicts[v] > 0 ? ' nonzero' : '') }, i.verdicts[v] || 0)),
      h('td', { className: 'num rate' }, (i.violationRate * 100).toFixed(1) + ' %'),
      h('td', { className: 'num p50' }, duration(i.timeToFirstAuthoritative.p50Ms)),
      h('td', { className: 'num p90' }, duration(i.timeToFirstAuthoritative.p90Ms)),
      h('td', { className: 'num p99' }, duration(i.timeToFirstAuthoritative.p99Ms)),
      h('td', { className: 'num flapping' + (i.flapping > 0 ? ' nonzero' : '') }, i.flapping)));
    fill(byId('issuers').tBodies[0], rows.length ? rows : h('tr', { className: 'empty' }, h('td', { colspan: 11 }, 'No verdict yet.')));
  }

  function fillRegions(matrix) {
    const table = byId('regions');
    fill(table.tHead.rows[0], h('th', {}, 'Issuer'), matrix.regions.map((r) => h('th', { 'data-region': r }, r)));
    fill(table.tBodies[0], matrix.issuers.map((row) => h('tr', { 'data-issuer': row.issuerSpkiSha256 || '' },
      h('td', { className: 'issuer' }, row.issuerSubject || shortHash(row.issuerSpkiSha256)),
      matrix.regions.map((region) => regionCell(row, region)))));
  }

  function regionCell(row, region) {
    const cell = row.cells[region];
    if (!cell) return h('td', { className: 'cell none', 'data-region': region }, '-');
    const worst = STATUSES.find((st) => cell.statuses[st] > 0) || 'NOT_ASKED';
    return h('td', { className: 'cell status-' + worst, 'data-region': region, 'data-worst': worst },
      STATUSES.filter((st) => cell.statuses[st] > 0).map((st) =>
        h('div', { className: 'status-count', 'data-status': st }, st + ' ' + cell.statuses[st])),
      h('div', { className: 'p50' }, 'p50 ' + duration(cell.p50TimeToFirstAuthoritativeMs)));
  }

  async function renderOverview() {
    const [violations, issuers, regions] = await Promise.all([
      getJson('api/verdicts?verdict=VIOLATION&limit=500'), getJson('api/issuers'), getJson('api/regions')]);
    fillViolations(expectOk(violations, 'api/verdicts'));
    fillIssuers(expectOk(issuers, 'api/issuers').items);
    fillRegions(expectOk(regions, 'api/regions'));
    document.title = 'ocspwatch: ' + violations.body.items.length + (violations.body.next ? '+' : '') + ' in violation';
  }

  // ---- one certificate ----

  async function renderCertificate(id, isCurrent) {
    const section = byId('certificate');
    const answer = await getJson('api/certificates/' + encodeURIComponent(id));
    if (!isCurrent()) return; // the reader moved on to another page meanwhile
    const back = h('p', {}, h('a', { href: '#/', className: 'back' }, '← overview'));
    if (answer.status === 400 || answer.status === 404) {
      fill(section, back, h('p', { id: 'certificate-missing', className: 'error' },
        answer.body && answer.body.error ? answer.body.error : 'HTTP ' + answer.status));
      return;
    }
    const doc = expectOk(answer, 'api/certificates');
    const v = doc.verdict || {};
    const c = doc.certificate || {};
    const subject = v.subject || c.subject || doc.certificateId;
    document.title = 'ocspwatch: ' + subject;
    fill(section, back,
      h('h2', { id: 'certificate-subject' }, subject),
      h('p', { className: 'verdict-line' },
        h('span', { id: 'certificate-verdict', className: 'verdict verdict-' + (v.verdict || 'NONE') }, v.verdict || 'not decided yet'),
        ' ', h('span', { className: 'reason' }, v.reason || ''),
        v.stage ? h('span', { className: 'stage' }, ' (' + v.stage + ', revision ' + v.revision + ')') : null),
      facts(doc, v, c),
      h('h3', {}, 'Regions'), regionTable(v),
      h('h3', {}, 'Timeline'), h('div', { id: 'timeline' }, timeline(doc, v)), legend(),
      h('h3', {}, 'Probes'), probeTable(doc, v));
  }

  function facts(doc, v, c) {
    const rows = [
      ['Certificate id', doc.certificateId],
      ['Issuer', v.issuerSubject || c.issuerSubject],
      ['Issuer key (SPKI SHA-256)', v.issuerSpkiSha256 || c.issuerSpkiSha256],
      ['Responder URLs', (v.ocspUrls || c.ocspUrls || []).join(' ')],
      ['DNS names', (c.dnsNames || []).join(' ')],
      ['Published (first CT timestamp)', utc(v.publishedAt)],
      ['Deadline', utc(v.deadline)],
      ['Watch window ends', utc(v.windowEnd)],
      ['Decided', utc(v.decidedAt)],
      ['Log', v.logName ? v.logName + (v.logIndex != null ? ' #' + v.logIndex : '') : c.logName],
      ['Flapping', v.flapping ? 'yes: authoritative, then not again' : 'no'],
      ['Path problems', (v.pathProblems || []).join(', ')]];
    return h('dl', { id: 'certificate-facts' }, rows.filter((r) => r[1]).map((r) => [h('dt', {}, r[0]), h('dd', {}, r[1])]));
  }

  function regionTable(v) {
    return h('table', { id: 'certificate-regions', className: 'data' },
      h('thead', {}, h('tr', {}, ['Region', 'Status', 'Counted probes', 'First authoritative after', 'First failure', 'Flapping']
        .map((t) => h('th', {}, t)))),
      h('tbody', {}, (v.regions || []).map((r) => h('tr', { 'data-region': r.region },
        h('td', {}, r.region), h('td', { className: 'status status-' + r.status }, r.status), h('td', { className: 'num' }, r.counted),
        h('td', { className: 'num' }, duration(r.timeToFirstAuthoritativeMs)), h('td', {}, failureText(r.firstFailure)),
        h('td', {}, r.flapping ? 'yes' : '')))));
  }

  function probeTable(doc, v) {
    const deadline = millis(v.deadline);
    const all = Object.values(doc.observations).flat()
      .sort((a, b) => millis(a.probe.sentAt) - millis(b.probe.sentAt));
    return h('table', { id: 'probes', className: 'data' },
      h('thead', {}, h('tr', {}, ['Sent (UTC)', 'Region', 'Agent', 'Kind', 'Method', 'Outcome', 'HTTP', 'Total', 'Counts', 'Reason']
        .map((t) => h('th', {}, t)))),
      h('tbody', {}, all.map((o) => {
        const p = o.probe;
        const counts = millis(p.sentAt) >= deadline;
        return h('tr', { 'data-observation-id': o.observationId, 'data-region': o.region },
          h('td', { className: 'mono' }, utc(p.sentAt)), h('td', {}, o.region), h('td', {}, o.agentId || ''),
          h('td', {}, o.kind + (o.late ? ' (late)' : '')), h('td', {}, p.method),
          h('td', { className: 'outcome g-' + group(p.outcome) }, p.outcome),
          h('td', { className: 'num' }, p.httpStatus != null ? p.httpStatus : ''),
          h('td', { className: 'num' }, p.timings && p.timings.totalMs != null ? Math.round(p.timings.totalMs) + ' ms' : ''),
          h('td', {}, counts ? 'yes' : 'no'), h('td', { className: 'reason' }, p.reason || ''));
      })));
  }

  // Lanes per region, one mark per probe (circle GET, square POST) coloured by outcome group,
  // dashed lines at publication and at the deadline.
  function timeline(doc, v) {
    const lanes = Array.from(new Set([...Object.keys(doc.observations), ...(v.regions || []).map((r) => r.region)])).sort();
    const probes = Object.values(doc.observations).flat().filter((o) => Number.isFinite(millis(o.probe.sentAt)));
    const published = millis(v.publishedAt || (probes[0] && probes[0].publishedAt));
    const deadline = millis(v.deadline || (probes[0] && probes[0].deadline));
    const times = probes.map((o) => millis(o.probe.sentAt)).concat([published, deadline]).filter(Number.isFinite);
    if (lanes.length === 0 || times.length === 0) return h('p', { className: 'empty' }, 'No probe yet.');
    let t0 = Math.min(...times);
    let t1 = Math.max(...times);
    const pad = Math.max((t1 - t0) * 0.03, 30000);
    t0 -= pad;
    t1 += pad;
    const W = 1100, LEFT = 130, RIGHT = 20, TOP = 36, LANE = 34;
    const H = TOP + lanes.length * LANE + 12;
    const x = (t) => LEFT + ((t - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
    const y = (region) => TOP + lanes.indexOf(region) * LANE + LANE / 2;
    const svg = s('svg', { id: 'timeline-svg', viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'aria-label': 'probes per region over time' });
    lanes.forEach((region, i) => {
      svg.appendChild(s('rect', { className: 'lane' + (i % 2 ? ' odd' : ''), x: 0, y: TOP + i * LANE, width: W, height: LANE }));
      svg.appendChild(s('text', { className: 'lane-label', x: 8, y: y(region) + 4, 'data-region': region }, region));
    });
    const step = [1, 2, 5, 10, 15, 30, 60, 120, 240].map((m) => m * 60000).find((st) => (t1 - t0) / st <= 12) || 480 * 60000;
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
      svg.appendChild(s('line', { className: 'tick', x1: x(t), x2: x(t), y1: TOP - 4, y2: H - 12 }));
      svg.appendChild(s('text', { className: 'tick-label', x: x(t), y: TOP - 8 }, clock(t).slice(0, 5)));
    }
    const marker = (cls, t, label) => {
      if (!Number.isFinite(t)) return;
      svg.appendChild(s('line', { className: cls, x1: x(t), x2: x(t), y1: 6, y2: H - 6 }));
      svg.appendChild(s('text', { className: cls + '-label', x: x(t) + 4, y: 14 }, label + ' ' + clock(t) + 'Z'));
    };
    marker('published', published, 'published');
    marker('deadline', deadline, 'deadline');
    for (const o of probes) {
      const p = o.probe;
      const cx = x(millis(p.sentAt));
      // GET above the lane's middle, POST below: the pair sent at the deadline stays visible.
      const cy = y(o.region) + (p.method === 'POST' ? 7 : -7);
      const cls = 'mark g-' + group(p.outcome) + (millis(p.sentAt) < deadline ? ' early' : '');
      const title = s('title', {}, clock(millis(p.sentAt)) + 'Z ' + o.region + ' ' + p.method + ' ' + p.outcome
        + (p.httpStatus != null ? ' HTTP ' + p.httpStatus : '') + (p.reason ? ': ' + p.reason : ''));
      const common = { className: cls, 'data-outcome': p.outcome, 'data-region': o.region, 'data-method': p.method };
      svg.appendChild(p.method === 'POST'
        ? s('rect', Object.assign(common, { x: cx - 5, y: cy - 5, width: 10, height: 10 }), title)
        : s('circle', Object.assign(common, { cx: cx, cy: cy, r: 5.5 }), title));
    }
    return svg;
  }

  function legend() {
    const item = (cls, label) => h('span', { className: 'legend-item' }, h('span', { className: 'swatch ' + cls }), label);
    return h('p', { className: 'legend' }, item('g-authoritative', 'authoritative (GOOD, REVOKED)'),
      item('g-responder', 'non-authoritative, the responder'), item('g-transport', 'transport'), item('g-policy', 'BLOCKED'),
      ' ● GET (upper row) ■ POST (lower row); faded: before the deadline, not counted');
  }

  // ---- routing, refresh ----

  function certificateIdFromHash() {
    const match = /^#\/certificates\/(.+)$/.exec(location.hash);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1]);
    } catch (e) {
      return match[1];
    }
  }

  async function renderHealth() {
    const node = byId('health');
    try {
      const answer = await getJson('health');
      const state = answer.body && answer.body.state ? answer.body.state : 'HTTP ' + answer.status;
      node.className = 'health ' + (answer.ok ? 'ready' : 'not-ready');
      fill(node, 'collector ' + state + (answer.ok ? '' : ' (not ready)'));
    } catch (e) {
      node.className = 'health not-ready';
      fill(node, 'collector unreachable');
    }
  }

  function showError(message) {
    const node = byId('error');
    node.hidden = !message;
    fill(node, message || '');
  }

  let rendering = false;
  let generation = 0;
  async function render() {
    if (rendering) return; // a slow answer: skip this tick rather than pile requests up
    rendering = true;
    const mine = generation;
    const isCurrent = () => mine === generation;
    const id = certificateIdFromHash();
    byId('overview').hidden = id !== null;
    byId('certificate').hidden = id === null;
    try {
      await Promise.all([id !== null ? renderCertificate(id, isCurrent) : renderOverview(), renderHealth()]);
      if (isCurrent()) {
        showError(null);
        fill(byId('updated'), 'updated ' + clock(Date.now()) + 'Z, every ' + REFRESH_MS / 1000 + ' s');
      }
    } catch (e) {
      if (isCurrent()) showError(e.message);
    } finally {
      if (isCurrent()) rendering = false;
    }
  }

  window.addEventListener('hashchange', () => {
    generation++;
    rendering = false;
    render();
  });
  setInterval(render, REFRESH_MS);
  render();
})();
