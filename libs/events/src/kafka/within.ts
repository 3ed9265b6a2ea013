/**
 * A broker's answer, or null when it takes longer than `ms`: for reads a caller can go on without
 * (kafkajs would otherwise retry for seconds). A rejection that comes after the bound is dropped.
 */
export function within<T>(answer: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  answer.catch(() => undefined);
  const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms), null)));
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
