import { createContext, useContext, useEffect } from 'react';

/** Reports the first meaningful render (data or an error on screen) to the host, once. */
export const ReadyContext = createContext<() => void>(() => undefined);

export function useReportReady(settled: boolean): void {
  const report = useContext(ReadyContext);
  useEffect(() => {
    if (settled) report();
  }, [settled, report]);
}
