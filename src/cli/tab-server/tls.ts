import { createPrivateKey, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { generate as generateCertificate } from 'selfsigned';

/**
 * The local certificate of `npm start -- --https`: a real Teams client loads only https tabs,
 * and Node has no API to issue a certificate (hence `selfsigned`).
 */

export const CERTIFICATE_DIR = path.join('.cache', 'tls');
const CERT_FILE = 'localhost.crt';
const KEY_FILE = 'localhost.key';
const CERT_VALIDITY_DAYS = 365;
/** Renew a little before expiry, so a long session never runs into it. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

export interface LocalCertificate {
  key: string;
  cert: string;
  /** Where the certificate lies, for the instructions to trust it. */
  certPath: string;
  /** SHA-256 fingerprint, as browsers and certificate stores show it. */
  fingerprint: string;
  created: boolean;
}

function usable(cert: string, key: string, now: Date): boolean {
  try {
    const x509 = new X509Certificate(cert);
    return (
      x509.checkHost('localhost') !== undefined &&
      x509.checkIP('127.0.0.1') !== undefined &&
      new Date(x509.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS &&
      new Date(x509.validFrom).getTime() <= now.getTime() &&
      x509.checkPrivateKey(createPrivateKey(key))
    );
  } catch {
    return false;
  }
}

/**
 * A self-signed certificate for localhost (and 127.0.0.1, ::1) under `.cache/tls/`, made once and
 * reused, so that a browser or operating system told to trust it keeps trusting it. Remade only
 * when missing, unreadable or about to expire. The key never leaves this machine (.cache is
 * ignored by git).
 */
export async function ensureLocalCertificate(
  root: string,
  now: Date = new Date(),
): Promise<LocalCertificate> {
  const dir = path.join(root, CERTIFICATE_DIR);
  const certPath = path.join(dir, CERT_FILE);
  const keyPath = path.join(dir, KEY_FILE);
  const [cert, key] = await Promise.all([
    fs.readFile(certPath, 'utf8').catch(() => null),
    fs.readFile(keyPath, 'utf8').catch(() => null),
  ]);
  if (cert !== null && key !== null && usable(cert, key, now)) {
    return { key, cert, certPath, fingerprint: fingerprintOf(cert), created: false };
  }
  const pems = await generateCertificate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + CERT_VALIDITY_DAYS * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(keyPath, pems.private, { mode: 0o600 });
  await fs.writeFile(certPath, pems.cert);
  return {
    key: pems.private,
    cert: pems.cert,
    certPath,
    fingerprint: fingerprintOf(pems.cert),
    created: true,
  };
}

function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256;
}

/** How to make this machine trust the certificate, per platform, in Dutch. */
export function trustInstructions(certificate: LocalCertificate, root: string): string[] {
  const relative = path.relative(root, certificate.certPath) || certificate.certPath;
  return [
    `Lokaal certificaat: ${relative} (SHA-256 ${certificate.fingerprint}).`,
    'Vertrouw het één keer, anders laadt Teams het tabblad niet:',
    `  Windows:  certutil -user -addstore Root ${relative.replaceAll('/', '\\')}`,
    `  macOS:    security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db ${relative}`,
    `  Linux:    certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n functiewijzer-localhost -i ${relative}`,
    '            (Chrome/Edge; het pakket libnss3-tools levert certutil)',
    '  of open het adres hieronder één keer in de browser van Teams en kies Geavanceerd › Doorgaan.',
  ];
}

/** The key and certificate to serve with when `enabled`, after saying how to trust them. */
export async function tlsFor(
  root: string,
  enabled: boolean | undefined,
  log: (line: string) => void,
): Promise<{ key: string; cert: string } | undefined> {
  if (!enabled) return undefined;
  const certificate = await ensureLocalCertificate(root);
  if (certificate.created) log('Lokaal certificaat voor localhost gemaakt.');
  for (const line of trustInstructions(certificate, root)) log(line);
  return { key: certificate.key, cert: certificate.cert };
}
