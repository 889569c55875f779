// A local OpenID Connect test provider for auroranet (development, demo and tests only; never production).
//
//   node devtools/idp/server.mjs --port 9400 [--issuer http://127.0.0.1:9400] [--client-id aurora-web]
//        [--client-secret dev-secret] [--redirect-uri http://127.0.0.1:8000/auth/callback ...]
//        [--accounts devtools/idp/accounts.json]
//
// It is the real npm oidc-provider (authorization code flow, PKCE S256 required, client_secret_basic and
// client_secret_post, acr values, max_age / prompt=login, RP-initiated logout). The login and consent pages
// are minimal interaction routes: choose a test person or staff account from accounts.json, then consent.
// Any redirect URI on 127.0.0.1/localhost/testserver ending in /auth/callback is accepted in addition to the
// configured ones, so tests can run the app on any free port.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Provider from 'oidc-provider';

const here = path.dirname(fileURLToPath(import.meta.url));

function args(argv) {
  const out = { 'redirect-uri': [] };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (key === 'redirect-uri') out[key].push(value); else out[key] = value;
    i += 1;
  }
  return out;
}

const opts = args(process.argv.slice(2));
const port = Number(opts.port || 9400);
const issuer = opts.issuer || `http://127.0.0.1:${port}`;
const accountsFile = opts.accounts || path.join(here, 'accounts.json');
const accounts = JSON.parse(readFileSync(accountsFile, 'utf8')).accounts;
const byLogin = new Map(accounts.map((a) => [a.login, a]));
const bySub = new Map(accounts.map((a) => [a.sub, a]));
const LOA2 = 'http://ftn.ficora.fi/2017/loa2';
const LOA3 = 'http://ftn.ficora.fi/2017/loa3';
const LOOPBACK_CALLBACK = /^http:\/\/(127\.0\.0\.1|localhost|testserver)(:\d+)?\/auth\/callback$/;
const LOOPBACK_ANY = /^http:\/\/(127\.0\.0\.1|localhost|testserver)(:\d+)?\//;

const clientBase = {
  client_id: opts['client-id'] || 'aurora-web',
  client_secret: opts['client-secret'] || 'dev-only-test-provider-secret',
  redirect_uris: opts['redirect-uri'].length ? opts['redirect-uri'] : ['http://127.0.0.1:8000/auth/callback'],
  post_logout_redirect_uris: ['http://127.0.0.1:8000/'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
};
const clients = [
  { ...clientBase, token_endpoint_auth_method: 'client_secret_basic' },
  { ...clientBase, client_id: `${clientBase.client_id}-post`, token_endpoint_auth_method: 'client_secret_post' },
];

const CLAIMS = {
  acr: null, auth_time: null, sid: null, iss: null,
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'birthdate'],
  email: ['email'],
  aurora_person: ['home_municipality', 'personal_identity_code'],
  aurora_staff: ['aurora_roles'],
};

const provider = new Provider(issuer, {
  clients,
  claims: CLAIMS,
  scopes: ['openid', 'profile', 'email', 'aurora_person', 'aurora_staff'],
  acrValues: [LOA2, LOA3],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['test-provider-cookie-key-not-secret'] },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  conformIdTokenClaims: false, // put the requested claims into the ID token (the client reads them there)
  async findAccount(_ctx, id) {
    const acct = bySub.get(id);
    if (!acct) return undefined;
    return {
      accountId: id,
      async claims() {
        const { login, kind, ...claims } = acct; // eslint-disable-line no-unused-vars
        return claims;
      },
    };
  },
});
provider.proxy = false;
const allowRedirect = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
  return LOOPBACK_CALLBACK.test(value) || allowRedirect.call(this, value);
};
const allowLogout = provider.Client.prototype.postLogoutRedirectUriAllowed;
provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value) {
  return LOOPBACK_ANY.test(value) || allowLogout.call(this, value);
};

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>${esc(title)}</h1>
<p><strong>Test identity provider</strong>: invented persons only.</p>${body}</main></body></html>`;

function readForm(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; if (data.length > 10000) reject(new Error('too long')); });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Error', '<p>Interaction mismatch.</p>'));
  const { prompt, params } = details;
  if (req.method === 'GET' && prompt.name === 'login') {
    const options = accounts.map((a, i) => `<p><input type="radio" name="login" id="a${i}" value="${esc(a.login)}"${i === 0 ? '' : ''}>
<label for="a${i}">${esc(a.name)} (${esc(a.login)}, ${a.kind === 'staff' ? 'staff' : 'person'})</label></p>`).join('\n');
    return send(res, 200, page('Sign in', `<form method="post" action="/interaction/${esc(uid)}/login">
<fieldset><legend>Choose a test account</legend>${options}</fieldset>
<p><label for="loginname">or type a login name</label> <input id="loginname" name="loginname" autocomplete="off"></p>
<p><button type="submit">Sign in</button></p></form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button type="submit">Cancel</button></form>`));
  }
  if (req.method === 'GET' && prompt.name === 'consent') {
    const scopes = String(params.scope || '').split(' ').map(esc).join(', ');
    return send(res, 200, page('Consent', `<p>The service <code>${esc(params.client_id)}</code> asks for: ${scopes}.</p>
<form method="post" action="/interaction/${esc(uid)}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button type="submit">Cancel</button></form>`));
  }
  if (req.method !== 'POST') return send(res, 405, page('Error', '<p>Method not allowed.</p>'));
  const form = await readForm(req);
  if (action === 'login') {
    const acct = byLogin.get((form.get('loginname') || '').trim()) || byLogin.get(form.get('login') || '');
    if (!acct) return send(res, 400, page('Sign in', '<p>Unknown test account. Go back and choose one.</p>'));
    const wanted = String(params.acr_values || '').split(' ');
    const acr = wanted.includes(LOA3) || acct.kind === 'person' ? LOA3 : LOA2;
    return provider.interactionFinished(req, res, { login: { accountId: acct.sub, acr, amr: ['pwd'] } },
      { mergeWithLastSubmission: false });
  }
  if (action === 'confirm') {
    const { grantId, session } = details;
    const grant = grantId ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    if (missing.missingResourceScopes) {
      for (const [indicator, scope] of Object.entries(missing.missingResourceScopes)) {
        grant.addResourceScope(indicator, scope.join(' '));
      }
    }
    const saved = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId: saved } }, { mergeWithLastSubmission: true });
  }
  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'cancelled' },
      { mergeWithLastSubmission: false });
  }
  return send(res, 404, page('Error', '<p>Not found.</p>'));
}

const handler = provider.callback();
const server = http.createServer(async (req, res) => {
  const m = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/.exec(req.url.split('?')[0]);
  if (!m) return handler(req, res);
  try {
    return await interaction(req, res, m[1], m[2]);
  } catch (err) {
    return send(res, 400, page('Error', `<p>${esc(err.message)}</p>`));
  }
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`test identity provider ${issuer} ready\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
