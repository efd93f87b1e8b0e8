/**
 * Makes a component's start function run once per element, however often it is
 * asked: a module script can run again, and a component can be started both by its
 * own script and by a page's module list.
 */
export function startOnce<T extends Element>(start: (element: T) => void): (element: T) => void {
  const started = new WeakSet<T>();
  return (element) => {
    if (started.has(element)) return;
    started.add(element);
    start(element);
  };
}
