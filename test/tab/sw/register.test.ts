import { registerShellWorker, SHELL_WORKER_URL } from '../../../src/tab/sw/register';

/** The tab's registration of its app-shell worker (src/tab/sw/register.ts). */

function windowWith(serviceWorker?: Partial<ServiceWorkerContainer>): { navigator: Navigator } {
  const navigator = (serviceWorker ? { serviceWorker } : {}) as Navigator;
  return { navigator };
}

describe('registerShellWorker', () => {
  it('registers /sw.js for the whole origin, always asking the server for updates', async () => {
    const register = jest.fn(() => Promise.resolve({} as ServiceWorkerRegistration));
    await registerShellWorker(windowWith({ register }), true);
    expect(register).toHaveBeenCalledWith(SHELL_WORKER_URL, { scope: '/', updateViaCache: 'none' });
  });

  it('does nothing where there are no service workers (iOS Teams’ WKWebView)', async () => {
    await expect(registerShellWorker(windowWith(), true)).resolves.toBeUndefined();
  });

  it('swallows a refused registration: the tab works as without a worker', async () => {
    const register = jest.fn(() => Promise.reject(new DOMException('refused', 'SecurityError')));
    await expect(registerShellWorker(windowWith({ register }), true)).resolves.toBeUndefined();
  });

  it('in a development build registers none and removes one a production build left', async () => {
    const register = jest.fn();
    const unregister = jest.fn(() => Promise.resolve(true));
    const getRegistrations = jest.fn(() =>
      Promise.resolve([{ unregister } as unknown as ServiceWorkerRegistration]),
    );
    await registerShellWorker(windowWith({ register, getRegistrations }), false);
    expect(register).not.toHaveBeenCalled();
    expect(unregister).toHaveBeenCalledTimes(1);
  });
});
