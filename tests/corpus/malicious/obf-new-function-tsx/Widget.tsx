export const Widget = ({ code }: { code: string }) => {
  const f = new Function('React', code);
  return <div>{f(null)}</div>;
};
