export function column(i: number): string {
  return String.fromCharCode(65 + (i % 26));
}
