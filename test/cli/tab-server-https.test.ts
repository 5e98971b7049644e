import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ensureLocalCertificate,
  startTabServer,
  tabContentSecurityPolicy,
  trustInstructions,
} from '../../src/cli/tab-server';
import { tenantRuntimeConfigSchema } from '../../src/teams/runtime-config';
import { TENANT_RUNTIME_CONFIG } from '../support/tenant-config';

/**
 * `npm start -- --https` and tenant mode of the tab server: a real TLS handshake against the
 * generated certificate (trusted only through `ca`, as a browser told to trust it would), the
 * certificate kept across starts, and the tenant /config.json and CSP as the tab needs them.
 */

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function httpsGet(url: string, ca: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, ca === undefined ? {} : { ca }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
  });
}

const tenant = TENANT_RUNTIME_CONFIG;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tab-https-'));
  await mkdir(path.join(root, 'dist/tab'), { recursive: true });
  await writeFile(path.join(root, 'dist/tab/index.html'), '<title>Functiewijzer</title>');
  await writeFile(path.join(root, 'dist/tab/auth-redirect.html'), '<title>Aanmelden</title>');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the local certificate', () => {
  it('is made once for localhost under .cache/tls and reused on the next start', async () => {
    const first = await ensureLocalCertificate(root);
    expect(first.created).toBe(true);
    expect(first.certPath).toBe(path.join(root, '.cache/tls/localhost.crt'));
    const x509 = new X509Certificate(first.cert);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(await readFile(first.certPath, 'utf8')).toBe(first.cert);

    const second = await ensureLocalCertificate(root);
    expect(second.created).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('is made again when it is about to expire', async () => {
    const current = await ensureLocalCertificate(root);
    const expiry = new Date(new X509Certificate(current.cert).validTo);
    const nearExpiry = new Date(expiry.getTime() - 24 * 60 * 60 * 1000);
    const renewed = await ensureLocalCertificate(root, nearExpiry);
    expect(renewed.created).toBe(true);
    expect(renewed.fingerprint).not.toBe(current.fingerprint);
  });

  it('comes with instructions to trust it on each platform', async () => {
    const lines = trustInstructions(await ensureLocalCertificate(root), root).join('\n');
    expect(lines).toContain('.cache/tls/localhost.crt');
    expect(lines).toMatch(/certutil -user -addstore Root \.cache\\tls\\localhost\.crt/);
    expect(lines).toContain('security add-trusted-cert');
  });
});

describe('the tab server over https, in tenant mode', () => {
  it('serves the tab over TLS with the local certificate, at https://localhost', async () => {
    const certificate = await ensureLocalCertificate(root);
    const server = await startTabServer({
      root,
      port: 0,
      config: tenant,
      tls: { key: certificate.key, cert: certificate.cert },
    });
    try {
      expect(server.url).toBe(`https://localhost:${server.port}/`);
      expect(server.teamsHostUrl).toBeNull();

      const page = await httpsGet(server.url, certificate.cert);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Functiewijzer');
      // Without trusting the certificate the handshake fails: it really is TLS with this cert.
      await expect(httpsGet(server.url, undefined)).rejects.toThrow(/self[- ]signed/i);

      const config = await httpsGet(`${server.url}config.json`, certificate.cert);
      expect(config.headers['cache-control']).toBe('no-store');
      expect(tenantRuntimeConfigSchema.parse(JSON.parse(config.body))).toEqual(tenant);

      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain(
        "connect-src 'self' https://graph.microsoft.com https://login.microsoftonline.com https://stad.sharepoint.com;",
      );
      expect(csp).toContain('frame-src https://login.microsoftonline.com;');
      expect(csp).toMatch(/frame-ancestors https:\/\/teams\.microsoft\.com/);

      // The standard sign-in popup returns to this page; it must be served as itself.
      const redirect = await httpsGet(`${server.url}auth-redirect.html`, certificate.cert);
      expect(redirect.body).toContain('Aanmelden');
    } finally {
      await server.close();
    }
  });

  it('refuses to serve a tenant configuration the tab would reject, naming the fields', async () => {
    await expect(
      startTabServer({
        root,
        port: 0,
        config: { ...tenant, approvals: { teamId: '', channelId: 'Goedkeuringen' } },
      }),
    ).rejects.toThrow(/ongeldig: approvals\.teamId, approvals\.channelId/);
  });
});

describe('docs/deploy.md', () => {
  it('documents exactly the CSP the tab is served with in a tenant (example site)', async () => {
    const docs = await readFile(path.resolve(__dirname, '../../docs/deploy.md'), 'utf8');
    const documented = [...docs.matchAll(/^Content-Security-Policy: (.+)$/gm)].map((m) => m[1]);
    const inNginx = [...docs.matchAll(/add_header Content-Security-Policy "([^"]+)"/g)].map(
      (m) => m[1],
    );
    const served = tabContentSecurityPolicy(tenant, 443);
    expect(documented).toEqual([served]);
    expect(inNginx).toEqual([served]);
  });
});
