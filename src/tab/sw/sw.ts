import { installShellWorker, parseShellManifest, type ShellWorkerScope } from './shell-worker';

/**
 * sw.js, the app-shell service worker (shell-worker.ts). Built only in production mode, as an
 * entry of its own without webpack's shared runtime or split chunks (a worker loads one file).
 * The string below is replaced by this build's manifest (webpack.config.js, ShellWorkerPlugin):
 * sw.js changes with every build, and that change is what makes the browser install the new one.
 */
installShellWorker(
  self as unknown as ShellWorkerScope,
  parseShellManifest('__FUNCTIEWIJZER_SHELL_MANIFEST__'),
);
