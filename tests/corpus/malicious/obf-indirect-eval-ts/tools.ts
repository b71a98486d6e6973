export function run(src: string): unknown {
  return (0, eval)(src);
}
