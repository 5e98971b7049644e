import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthenticationResult, DeviceCodeRequest, SilentFlowRequest } from '@azure/msal-node';
import {
  type DeviceCodeClient,
  GRAPH_SCOPE,
  registrationFrom,
  SignInError,
  type SignInSettings,
  signInWithDeviceCode,
} from '../../src/cli/tenant-sign-in';

/**
 * The sign-in of the tenant commands at msal-node's public boundary: a fake
 * PublicClientApplication that records what it was asked and answers as msal-node does.
 */

const SETTINGS: SignInSettings = {
  clientId: '3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d',
  tenantId: 'stad.onmicrosoft.com',
  sharePointOrigin: 'https://stad.sharepoint.com',
};
const ACCOUNT = {
  homeAccountId: 'h',
  environment: 'login.microsoftonline.com',
  tenantId: 't',
  username: 'it.beheer@stad.be',
  localAccountId: 'l',
};

function result(token: string): AuthenticationResult {
  return {
    authority: 'https://login.microsoftonline.com/stad.onmicrosoft.com',
    uniqueId: 'u',
    tenantId: 't',
    scopes: [GRAPH_SCOPE],
    account: ACCOUNT,
    idToken: '',
    idTokenClaims: {},
    accessToken: token,
    fromCache: false,
    expiresOn: new Date(Date.now() + 3_600_000),
    tokenType: 'Bearer',
    correlationId: 'c',
  };
}

class FakeClient implements DeviceCodeClient {
  deviceCodeRequests: DeviceCodeRequest[] = [];
  silentRequests: SilentFlowRequest[] = [];
  deviceCodeError: unknown = null;
  silentError: unknown = null;
  async acquireTokenByDeviceCode(request: DeviceCodeRequest): Promise<AuthenticationResult | null> {
    this.deviceCodeRequests.push(request);
    request.deviceCodeCallback({
      userCode: 'ABCD-EFGH',
      deviceCode: 'secret-device-code',
      verificationUri: 'https://microsoft.com/devicelogin',
      expiresIn: 900,
      interval: 5,
      message: 'To sign in, use a web browser…',
    });
    if (this.deviceCodeError) throw this.deviceCodeError;
    return result('graph-token-from-device-code');
  }
  async acquireTokenSilent(request: SilentFlowRequest): Promise<AuthenticationResult> {
    this.silentRequests.push(request);
    if (this.silentError) throw this.silentError;
    return result(`token-for-${request.scopes.join(' ')}`);
  }
}

/** An msal-node ServerError as it arrives from Entra ID (errorCode + AADSTS text). */
function serverError(errorCode: string, message: string): Error {
  return Object.assign(new Error(`${errorCode}: ${message}`), { errorCode, errorMessage: message });
}

async function signIn(client: FakeClient, prompts: string[] = []) {
  return signInWithDeviceCode(SETTINGS, {
    prompt: (t) => prompts.push(t),
    createClient: () => Promise.resolve(client),
    who: 'als eigenaar van de site',
  });
}

describe('device-code sign-in of the tenant commands', () => {
  it('asks one device code for Graph (.default) and shows where to enter which code, in Dutch', async () => {
    const client = new FakeClient();
    const prompts: string[] = [];
    const tokens = await signIn(client, prompts);
    expect(client.deviceCodeRequests).toHaveLength(1);
    expect(client.deviceCodeRequests[0]?.scopes).toEqual(['https://graph.microsoft.com/.default']);
    expect(prompts.join('')).toBe(
      'Aanmelden als eigenaar van de site: open https://microsoft.com/devicelogin en geef de code ABCD-EFGH in.\n',
    );
    expect(tokens.account).toBe('it.beheer@stad.be');
  });

  it('hands out a Graph and a SharePoint token for the same account without a second prompt', async () => {
    const client = new FakeClient();
    const prompts: string[] = [];
    const tokens = await signIn(client, prompts);
    await expect(tokens.graph()).resolves.toBe('token-for-https://graph.microsoft.com/.default');
    await expect(tokens.sharePoint()).resolves.toBe(
      'token-for-https://stad.sharepoint.com/.default',
    );
    expect(client.silentRequests.map((r) => r.account.username)).toEqual([
      'it.beheer@stad.be',
      'it.beheer@stad.be',
    ]);
    expect(prompts).toHaveLength(1);
  });

  it('never prints a token or the device code itself', async () => {
    const prompts: string[] = [];
    const tokens = await signIn(new FakeClient(), prompts);
    await tokens.graph();
    await tokens.sharePoint();
    expect(prompts.join('')).not.toMatch(/token|secret-device-code/);
  });

  it.each([
    ['AADSTS65001', 'no-consent', /beheerderstoestemming.*stap 2/],
    ['AADSTS7000218', 'public-client-off', /Openbare clientstromen toestaan/],
    ['AADSTS700016', 'app-not-found', /AAD_APP_CLIENT_ID/],
    ['AADSTS50105', 'not-assigned', /niet toegewezen/],
    ['AADSTS70020', 'code-expired', /verlopen/],
  ])('names what to fix when Entra ID answers %s', async (code, problem, message) => {
    const client = new FakeClient();
    client.deviceCodeError = serverError('invalid_grant', `${code}: something in English.`);
    const failure = await signIn(client).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as SignInError).problem).toBe(problem);
    expect((failure as SignInError).message).toMatch(message);
    expect((failure as SignInError).aadsts).toBe(code);
  });

  it('says to run the command again when the session expires mid-run', async () => {
    const client = new FakeClient();
    const tokens = await signIn(client);
    client.silentError = serverError(
      'interaction_required',
      'AADSTS700082: The refresh token has expired.',
    );
    const failure = await tokens.graph().catch((e: unknown) => e);
    expect((failure as SignInError).problem).toBe('session-expired');
    expect((failure as SignInError).message).toMatch(/opnieuw uit/);
  });

  it('names a missing SharePoint consent for the SharePoint token', async () => {
    const client = new FakeClient();
    const tokens = await signIn(client);
    client.silentError = serverError(
      'invalid_grant',
      'AADSTS65001: The user or administrator has not consented.',
    );
    const failure = (await tokens.sharePoint().catch((e: unknown) => e)) as SignInError;
    expect(failure.problem).toBe('no-consent');
    expect(failure.message).toMatch(/voor SharePoint/);
  });

  it('names a network cut in Dutch', async () => {
    const client = new FakeClient();
    client.deviceCodeError = Object.assign(
      new Error('getaddrinfo ENOTFOUND login.microsoftonline.com'),
      {
        errorCode: 'network_error',
      },
    );
    const failure = (await signIn(client).catch((e: unknown) => e)) as SignInError;
    expect(failure.problem).toBe('network');
    expect(failure.message).toMatch(/Geen verbinding met login\.microsoftonline\.com/);
  });
});

describe('where the app registration comes from', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'functiewijzer-signin-'));
    await mkdir(path.join(root, 'env'));
    await writeFile(
      path.join(root, 'env', '.env.prod'),
      'AAD_APP_CLIENT_ID=3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d\nAAD_APP_TENANT_ID=stad.onmicrosoft.com\n',
    );
    await writeFile(
      path.join(root, 'env', '.env.dev'),
      'AAD_APP_CLIENT_ID=00000000-0000-0000-0000-00000000c11e\nAAD_APP_TENANT_ID=00000000-0000-0000-0000-000000007e11\n',
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reads env/.env.prod by default', () => {
    expect(registrationFrom({}, {}, root)).toEqual({
      clientId: '3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d',
      tenantId: 'stad.onmicrosoft.com',
    });
  });

  it('lets the flags win over the file', () => {
    expect(
      registrationFrom(
        {
          env: 'dev',
          'client-id': '4a9d3e8c-5f6b-4a7c-8dbe-af9a8b7c6d55',
          'tenant-id': 'test.onmicrosoft.com',
        },
        {},
        root,
      ),
    ).toEqual({
      clientId: '4a9d3e8c-5f6b-4a7c-8dbe-af9a8b7c6d55',
      tenantId: 'test.onmicrosoft.com',
    });
  });

  it('refuses example values and says where to put the real ones', () => {
    expect(() => registrationFrom({ env: 'dev' }, {}, root)).toThrow(
      /AAD_APP_CLIENT_ID is nog een voorbeeldwaarde[\s\S]*env\/\.env\.dev/,
    );
  });

  it('names a missing env file and the flags that replace it', () => {
    expect(() => registrationFrom({ env: 'test' }, {}, root)).toThrow(
      /AAD_APP_CLIENT_ID ontbreekt[\s\S]*\.env\.test: bestand niet gevonden[\s\S]*--client-id/,
    );
  });
});
