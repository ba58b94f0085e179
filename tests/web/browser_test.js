// The bureau's web page in a real browser (issue 10 items 1-3 and 7): Debian's Chromium
// (/usr/bin/chromium, headless, --no-sandbox because CI runs as root) driven by playwright-core
// (pinned in package.json; it downloads no browser) against a real `junheng-bureau serve` on
// 127.0.0.1 port 0, over a temporary store holding a demo county (`junheng-bureau demo`).
//
// As a bureau user would: sign in; the schools page; filter by state and location and search
// by a Chinese name; open a school; return it with a comment, then the school's own terminal
// (`junheng sync`, `junheng status`) shows the return and the comment; accept another; an
// admin reopens it. The county report: its stages, SVG charts and way to pass; switch the pack;
// download the county table and report CSV (byte for byte the CLI's) and the XLSX (unzipped
// and read back); print preview (A4 PDF, bar hidden, signature lines shown). Refused: a wrong password, sign-in locked after repeated wrong passwords,
// an expired session, a forged form without its CSRF token, a reviewer reopening (an admin's
// action), a county-limited user opening another county's school or report. Every page is checked for
// external URLs (none) and console errors (none); a screenshot of each is kept in
// $JH_WEB_ARTEFACTS. The server is stopped and the temporary folder removed even on failure.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require(path.resolve(process.env.JH_NODE_MODULES, 'playwright-core'));

const BUREAU = process.env.JUNHENG_BUREAU;
const TERMINAL = process.env.JUNHENG_BINARY;
const ARTEFACTS = process.env.JH_WEB_ARTEFACTS || path.join(os.tmpdir(), 'jh-web-artefacts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jh-web-'));
const DB = path.join(tmp, 'bureau.db');
const PASSWORDS = { admin: 'Admin-pass-1', rev: 'Reviewer-pass-2', locked: 'Locked-pass-3', other: 'Other-pass-4' };

let server = null;
let browser = null;
const problems = [];   // console errors and external URLs, from every page

function bureau(args, input) {
  return execFileSync(BUREAU, ['--db', DB, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}
function terminal(db, args) {
  return execFileSync(TERMINAL, ['--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
function sqlite(db, sql) {
  return execFileSync('sqlite3', [db, sql], { encoding: 'utf8' });
}
function check(condition, what) {
  if (!condition) throw new Error('FAILED: ' + what);
  console.log('ok - ' + what);
}

// Starts `junheng-bureau serve --listen 127.0.0.1:0` and reads the port it bound.
function serve() {
  return new Promise((resolve, reject) => {
    server = spawn(BUREAU, ['--db', DB, 'serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + out)), 30000);
    server.stdout.on('data', (d) => {
      out += d;
      process.stdout.write('[serve] ' + d);
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    server.stderr.on('data', (d) => process.stderr.write('[serve] ' + d));
    server.on('exit', (code) => reject(new Error('serve exited with ' + code + ': ' + out)));
  });
}

let shot = 0;
// Every page: no reference to another origin in its HTML, nothing fetched from elsewhere, a
// screenshot kept.
async function looked(page, name, base) {
  const html = await page.content();
  const external = html.match(/(?:src|href|action|url)\s*[=(]\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>)]*/gi) || [];
  for (const e of external) problems.push(`${name}: external URL ${e}`);
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  shot += 1;
  await page.screenshot({ path: path.join(ARTEFACTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  check(page.url().startsWith(base), `${name}: stays on ${base}`);
}

function watch(page, base, who) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // A refusal page's own HTTP status (401, 403, 429), which the test checks itself, is logged
    // by Chromium as a failed load of the document; anything else is a problem.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && m.location().url === page.url()) return;
    problems.push(`${who}: console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`${who}: request to ${r.url()}`);
  });
}

// Submits a form made in the page itself, as a forger's page or a tampered form would: the
// browser's own cookies go with it. Returns the response of the navigation.
async function postForm(page, action, fields) {
  const [response] = await Promise.all([page.waitForNavigation(), page.evaluate(([to, values]) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = to;
    for (const [name, value] of Object.entries(values)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  }, [action, fields])]);
  return response;
}

async function signIn(page, base, name, password) {
  await page.goto(base + '/');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

// The schools table's rows as {code, name, type, location, state}.
async function rows(page) {
  return page.$$eval('table.schools tbody tr', (trs) => trs.map((tr) => {
    const td = [...tr.querySelectorAll('td')].map((c) => c.textContent.trim());
    return { code: td[0], name: td[1], type: td[2], location: td[3], county: td[4], state: td[6], comment: td[9] };
  }));
}

// The entries of a zip file (an XLSX) as {name: Buffer}, read with node's zlib: the central
// directory at the end names each entry and where its local header is; entries are stored (0)
// or deflated (8).
function unzip(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const out = {};
  for (let i = 0; i < count; ++i) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    out[name] = method === 0 ? data : zlib.inflateRawSync(data);
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

// Clicks a download link and returns the file's bytes and suggested name.
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

async function main() {
  // The demo county and the accounts, as the README's commands make them.
  const demo = bureau(['demo', '--schools', '6']);
  process.stdout.write(demo);
  const year = Number(sqlite(DB, 'SELECT max(year) FROM submission').trim());
  bureau(['user', 'add', '--name', 'admin', '--role', 'admin', '--password-stdin'], PASSWORDS.admin + '\n');
  bureau(['user', 'add', '--name', 'rev', '--role', 'reviewer', '--password-stdin'], PASSWORDS.rev + '\n');
  bureau(['user', 'add', '--name', 'locked', '--role', 'reviewer', '--password-stdin'], PASSWORDS.locked + '\n');
  bureau(['user', 'add', '--name', 'other', '--role', 'reviewer', '--county', '110101', '--password-stdin'], PASSWORDS.other + '\n');
  const today = new Date().toISOString().slice(0, 10);
  bureau(['deadline', '--year', String(year), '--date', today]);

  const port = await serve();
  const base = `http://127.0.0.1:${port}`;
  // The demo enrolled its terminals with the demo's own short-lived loopback server: they now
  // sync with this one.
  const terminals = path.join(tmp, 'bureau.db.demo');
  for (const f of fs.readdirSync(terminals).filter((f) => f.endsWith('.db')))
    sqlite(path.join(terminals, f), `UPDATE sync_state SET receiver_url = '${base}'`);

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], headless: true });
  const adminContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const page = await adminContext.newPage();
  watch(page, base, 'admin');

  // Signed out, / is the sign-in form.
  await page.goto(base + '/');
  check(page.url() === base + '/signin', '/ signed out leads to /signin');
  check((await page.textContent('h1')).includes('登录'), 'the sign-in form is in Chinese');
  await looked(page, 'signin', base);

  // A wrong password is refused.
  await signIn(page, base, 'admin', 'not the password');
  check((await page.textContent('.message')).includes('用户名或密码错误'), 'a wrong password is refused');
  await looked(page, 'signin-wrong', base);

  // Sign in.
  await signIn(page, base, 'admin', PASSWORDS.admin);
  check(page.url().startsWith(base + '/schools'), 'signed in, the schools page');
  const cookies = await adminContext.cookies();
  const session = cookies.find((c) => c.name === 'jh_session');
  check(session && session.httpOnly && session.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict');
  const all = await rows(page);
  check(all.length === 6, `the schools page lists every school of the demo (${all.length})`);
  check((await page.textContent('table.rates')).includes('%'), 'the reporting and on-time rates are shown');
  await looked(page, 'schools', base);

  // Filter by state: awaiting review.
  await page.selectOption('select[name=state]', 'awaiting');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  const awaiting = await rows(page);
  check(awaiting.length >= 2 && awaiting.every((r) => r.state.includes('待审核')), `filter by state: ${awaiting.length} awaiting review`);
  await looked(page, 'schools-awaiting', base);

  // Filter by location (城区 / 镇区 / 乡村), as a plain link.
  const location = all.find((r) => r.location !== '—').location;
  const code = { '城区': 'urban', '镇区': 'town', '乡村': 'rural' }[location];
  await page.goto(`${base}/schools?location=${code}`);
  const located = await rows(page);
  check(located.length >= 1 && located.every((r) => r.location === location), `filter by location ${location}: ${located.length}`);

  // Search by a Chinese name.
  await page.goto(base + '/schools');
  const target = all[0];
  // Two characters of its name that the fewest other schools share (a county's schools all
  // start with the county's name).
  const chars = [...target.name];
  let part = chars.slice(0, 2).join('');
  for (let i = 0; i + 2 <= chars.length; ++i) {
    const candidate = chars.slice(i, i + 2).join('');
    if (all.filter((r) => r.name.includes(candidate)).length < all.filter((r) => r.name.includes(part)).length) part = candidate;
  }
  await page.fill('input[name=q]', part);
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  const found = await rows(page);
  check(found.length >= 1 && found.length < all.length && found.every((r) => r.name.includes(part)) && found.some((r) => r.code === target.code),
        `search by the Chinese name part '${part}': ${found.length}`);
  check(decodeURIComponent(page.url()).includes(part), 'the search is a plain GET link');
  await looked(page, 'schools-search', base);

  // Open a school awaiting review and return it with a comment.
  const [first, second] = awaiting;
  await page.goto(base + '/schools');
  await Promise.all([page.waitForNavigation(), page.click(`tr[data-code="${first.code}"] a`)]);
  check(page.url().startsWith(`${base}/school/${first.code}`), `opened school ${first.code}`);
  check((await page.textContent('#indicators')).includes('资源配置'), 'the school page shows its indicator verdicts');
  check((await page.textContent('#data')).includes('班级'), 'the school page shows its data tables');
  check((await page.textContent('#history')).includes('第 1 版'), 'the school page shows its submission history');
  await looked(page, 'school', base);
  const comment = '请核对一年级班额（测试退回）';
  await page.fill('form.return textarea[name=text]', comment);
  await Promise.all([page.waitForNavigation(), page.click('form.return button[type=submit]')]);
  check((await page.textContent('#review-state')).includes('已退回'), 'the school is returned');
  check((await page.textContent('section.review')).includes(comment), 'the comment is shown');
  await looked(page, 'school-returned', base);

  // The school's terminal syncs and shows the return and the comment.
  const terminalDb = path.join(terminals, `${first.code}.db`);
  const synced = terminal(terminalDb, ['sync']);
  process.stdout.write(synced);
  const status = terminal(terminalDb, ['status']);
  process.stdout.write(status);
  check(/review .* v1: returned by admin/.test(status), 'junheng status shows the year returned by admin');
  check(status.includes(comment), 'junheng status shows the bureau\'s comment');

  // Accept another.
  await page.goto(`${base}/school/${second.code}?year=${year}`);
  await Promise.all([page.waitForNavigation(), page.click('form.accept button[type=submit]')]);
  check((await page.textContent('#review-state')).includes('已通过'), `school ${second.code} accepted`);
  await looked(page, 'school-accepted', base);
  await page.goto(base + '/schools');
  const after = await rows(page);
  check(after.find((r) => r.code === first.code).state.includes('已退回') && after.find((r) => r.code === first.code).comment.includes(comment),
        'the schools page shows the return and its comment');
  check(after.find((r) => r.code === second.code).state.includes('已通过'), 'the schools page shows the acceptance');

  // Refused: a forged form without its CSRF token (the browser's own cookies, no token).
  const forged = await postForm(page, `/school/${second.code}/decide`, { action: 'reopen', year: String(year), version: '1', text: 'forged' });
  check(forged.status() === 403 && (await page.textContent('.message')).includes('CSRF'), 'a forged form without its CSRF token is refused (403)');
  await looked(page, 'forged-refused', base);

  // Refused: a reviewer reopening (an admin's action), even with a valid token.
  const reviewer = await browser.newContext({ locale: 'zh-CN' });
  const rpage = await reviewer.newPage();
  watch(rpage, base, 'rev');
  await signIn(rpage, base, 'rev', PASSWORDS.rev);
  await rpage.goto(`${base}/school/${second.code}?year=${year}`);
  check((await rpage.$('form.reopen')) === null, 'a reviewer is not offered reopen');
  const token = await rpage.getAttribute('form.signout input[name=csrf]', 'value');
  const reopenByReviewer = await postForm(rpage, `/school/${second.code}/decide`,
    { csrf: token, action: 'reopen', year: String(year), version: '1', text: '审核员试图重新开放' });
  check(reopenByReviewer.status() === 403 && (await rpage.textContent('.message')).includes('需要管理员权限'), 'a reviewer reopening is refused (403)');
  await looked(rpage, 'reviewer-reopen-refused', base);
  await rpage.goto(`${base}/school/${second.code}?year=${year}`);
  check((await rpage.textContent('#review-state')).includes('已通过'), 'nothing changed: still accepted');
  await looked(rpage, 'reviewer-school', base);

  // The admin may reopen, with a reason.
  await page.goto(`${base}/school/${second.code}?year=${year}`);
  await page.fill('form.reopen textarea[name=text]', '补充材料后重新审核');
  await Promise.all([page.waitForNavigation(), page.click('form.reopen button[type=submit]')]);
  check((await page.textContent('#review-state')).includes('已重新开放'), 'an admin reopens the accepted year');

  // The county report (issue 10 items 4 and 5): from the bar's link, each stage's figures and
  // the server's SVG charts, the way to pass, the completeness.
  await Promise.all([page.waitForNavigation(), page.click('header.bar nav a[href="/report"]')]);
  check(page.url().startsWith(base + '/report'), 'the bar links the county report');
  const stages = await page.$$eval('section.stage h2', (h) => h.map((e) => e.textContent));
  check(stages.includes('小学'), `the report shows its stages: ${stages.join(', ')}`);
  const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((e) => e.querySelectorAll('rect, polyline').length));
  check(charts.length === stages.length * 8 + 1 && charts.every((n) => n > 0),
        `the report has its SVG charts (${charts.length}: per stage the CVs and 7 indicators, and completeness), each drawn`);
  check(await page.$$eval('table.indicators tbody tr', (t) => t.length) === stages.length * 8, 'each stage: 7 indicators and 综合');
  check((await page.textContent('#way h2')).includes('达标路径'), 'the county\'s way to pass is shown');
  check((await page.textContent('.pack')).includes('现行标准包'), 'the pack in force is named as such');
  check(!(await page.isVisible('#sign')), 'on screen the signature lines are hidden');
  await looked(page, 'report', base);

  // Switch the pack.
  const packs = await page.$$eval('select[name=pack] option', (o) => o.map((e) => e.value));
  check(packs.includes('national') && packs.includes('jiangsu_2024'), `the pack select lists the local packs (${packs.length})`);
  await page.selectOption('select[name=pack]', 'jiangsu_2024');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  check(page.url().includes('pack=jiangsu_2024'), 'the pack switch is a plain GET link');
  check((await page.textContent('.pack strong')).includes('jiangsu_2024') && (await page.isVisible('.pack .not-in-force')),
        'the report is computed with the chosen pack, marked as not in force');
  await looked(page, 'report-jiangsu', base);

  // Downloads: the same bytes as `junheng-bureau report --csv/--report-csv` of that pack; the
  // workbook read back.
  const cliTable = path.join(tmp, 'county.csv');
  const cliReport = path.join(tmp, 'report.csv');
  bureau(['report', '--year', String(year), '--pack', 'jiangsu_2024', '--csv', cliTable, '--report-csv', cliReport]);
  const table = await download(page, 'ul.exports a[href^="/report/county-table.csv"]');
  check(table.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'the county table CSV starts with a UTF-8 BOM');
  const tableText = table.bytes.toString('utf8');
  // The schools the report counts (a teaching point under the pack's size is left out).
  const counted = tableText.split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split(',')[0].replace(/"/g, ''));
  check(tableText.includes('学校标识码') && counted.length >= 1 && counted.every((c) => all.some((r) => r.code === c)),
        `the county table CSV has its Chinese header and a row per counted school part (${counted.length})`);
  check(table.bytes.equals(fs.readFileSync(cliTable)), 'the county table CSV is byte for byte the CLI\'s');
  check(table.name === `county-table-${year}-jiangsu_2024.csv` || table.name.startsWith('县域汇总表'), `the CSV's file name (${table.name})`);
  const reportCsv = await download(page, 'ul.exports a[href^="/report/report.csv"]');
  check(reportCsv.bytes.equals(fs.readFileSync(cliReport)), 'the report CSV is byte for byte the CLI\'s');
  const xlsx = await download(page, 'ul.exports a[href^="/report/report.xlsx"]');
  check(xlsx.name.endsWith('.xlsx'), `the workbook's file name (${xlsx.name})`);
  const entries = unzip(xlsx.bytes);
  const workbook = entries['xl/workbook.xml'].toString('utf8');
  check(['县域汇总表', '县域报告', '达标路径'].every((n) => workbook.includes(n)), 'the XLSX has the sheets 县域汇总表, 县域报告, 达标路径');
  const sheet1 = entries['xl/worksheets/sheet1.xml'].toString('utf8') + (entries['xl/sharedStrings.xml'] || '').toString();
  check(sheet1.includes('学校标识码') && counted.every((c) => sheet1.includes(c)), 'the XLSX county table sheet holds the header and the CSV\'s schools');
  const sheet2 = entries['xl/worksheets/sheet2.xml'].toString('utf8') + (entries['xl/sharedStrings.xml'] || '').toString();
  check(sheet2.includes('差异系数'), 'the XLSX report sheet holds the report');
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTEFACTS, 'report.xlsx'), xlsx.bytes);
  fs.writeFileSync(path.join(ARTEFACTS, 'county-table.csv'), table.bytes);

  // The schools page links the same downloads.
  await page.goto(base + '/schools');
  const fromSchools = await download(page, 'ul.exports a[href^="/report/county-table.csv"]');
  check(fromSchools.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) && fromSchools.bytes.toString('utf8').includes('学校标识码'),
        'the schools page links the county table CSV');

  // Print preview: A4, no bar, no forms, the signature and stamp lines; a PDF kept.
  await page.goto(base + '/report');
  await page.emulateMedia({ media: 'print' });
  check(!(await page.isVisible('header.bar')) && !(await page.isVisible('form.filters')) && !(await page.isVisible('ul.exports')),
        'printed, the bar, the forms and the download links are hidden');
  check(await page.isVisible('#sign') && (await page.textContent('#sign')).includes('填报单位（盖章）') &&
        (await page.textContent('#sign')).includes('负责人签字'), 'printed, the signature and stamp lines show');
  await looked(page, 'report-print', base);
  const pdf = await page.pdf({ path: path.join(ARTEFACTS, 'report.pdf'), format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(pages >= stages.length + 2, `the printed report breaks into pages (${pages} A4 pages)`);
  await page.emulateMedia({ media: 'screen' });
  await Promise.all([page.waitForNavigation(), page.click('a.print-link')]);
  check(page.url().includes('print=1') && (await page.isVisible('#sign')) && !(await page.isVisible('form.filters')),
        'the printable page shows the signature lines on screen too');
  await looked(page, 'report-printable', base);

  // A reviewer reads it too.
  await rpage.goto(base + '/report');
  check((await rpage.$$('svg.chart')).length === charts.length, 'a reviewer reads the county report');
  await looked(rpage, 'reviewer-report', base);

  // Refused: an expired session (its last request long ago in the store).
  sqlite(DB, "UPDATE web_session SET last_seen_at = '2000-01-01T00:00:00Z' WHERE user_name = 'rev'");
  await rpage.goto(base + '/schools');
  check(rpage.url().startsWith(base + '/signin?expired=1') && (await rpage.textContent('.message')).includes('登录已过期'),
        'an expired session leads back to sign-in');
  await looked(rpage, 'expired', base);

  // Refused: a county-limited user opening another county's school.
  const countyContext = await browser.newContext({ locale: 'zh-CN' });
  const cpage = await countyContext.newPage();
  watch(cpage, base, 'other');
  await signIn(cpage, base, 'other', PASSWORDS.other);
  check((await rows(cpage)).length === 0, 'a user of county 110101 sees none of the demo county\'s schools');
  const refused = await cpage.goto(`${base}/school/${first.code}`);
  check(refused.status() === 403 && (await cpage.textContent('h1')).includes('无权查看'), 'opening another county\'s school is refused (403)');
  await looked(cpage, 'county-refused', base);
  await cpage.goto(base + '/report');
  check((await cpage.textContent('#completeness')).includes('应报 0 所'), 'a county user\'s report holds only its county (none of the demo\'s schools)');
  await looked(cpage, 'county-report', base);
  const otherReport = await cpage.goto(`${base}/report?county=360726`);
  check(otherReport.status() === 403 && (await cpage.textContent('h1')).includes('无权查看'), 'a county user is refused another county\'s report (403)');
  const otherDownload = await cpage.goto(`${base}/report/report.xlsx?county=360726`);
  check(otherDownload.status() === 403, 'and its download (403)');

  // Refused: sign-in locked after repeated wrong passwords (slowed first: wait as told).
  const lockContext = await browser.newContext({ locale: 'zh-CN' });
  const lpage = await lockContext.newPage();
  watch(lpage, base, 'locked');
  let message = '';
  for (let i = 0; i < 12 && !message.includes('已锁定'); ++i) {
    await signIn(lpage, base, 'locked', 'wrong password');
    message = await lpage.textContent('.message');
    const wait = message.match(/请 (\d+) 秒后再试/);
    if (wait) await new Promise((r) => setTimeout(r, 1000 * Number(wait[1]) + 200));
  }
  check(message.includes('已锁定'), 'sign-in is locked after repeated wrong passwords');
  await signIn(lpage, base, 'locked', PASSWORDS.locked);
  check(lpage.url().startsWith(base + '/signin') && (await lpage.textContent('.message')).includes('已锁定'),
        'while locked, even the right password is refused');
  await looked(lpage, 'locked', base);

  // Sign out.
  await Promise.all([page.waitForNavigation(), page.click('form.signout button')]);
  check((await page.textContent('.message')).includes('已退出登录'), 'signed out');
  await page.goto(base + '/schools');
  check(page.url() === base + '/signin', 'after sign-out the pages need a sign-in again');

  check(problems.length === 0, 'no page had a console error or an external URL' + (problems.length ? ':\n  ' + problems.join('\n  ') : ''));
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => { server.on('exit', r); setTimeout(r, 5000); });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

process.on('SIGINT', () => { if (server) server.kill('SIGKILL'); process.exit(1); });
main().then(async () => {
  await cleanup();
  console.log('all passed; screenshots in ' + ARTEFACTS);
}, async (e) => {
  console.error(e && e.stack ? e.stack : e);
  await cleanup();
  process.exit(1);
});
