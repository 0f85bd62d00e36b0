// Tells the Peta page when the browser has drawn its map (issue #12). Until then the page
// shows only its title and the map: the filters, tiles, legend and table are sent after,
// so they do not compete with deck.gl for a CPU that also draws the polygons (no GPU).
// "Drawn": the deck's canvas is there, its polygon file has arrived, and the page has
// been free of long tasks (parsing, tessellating) for `quiet_ms`; after `limit_ms` the
// rest is asked for anyway, so a slow or failed drawing never leaves a page half-built.
export default function ({ data, setTriggerValue }) {
  const start = performance.now();
  let busyUntil = start;
  const observer = new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      busyUntil = Math.max(busyUntil, task.startTime + task.duration);
    }
  });
  try {
    observer.observe({ type: "longtask", buffered: true });
  } catch (e) {
    // no long-task timing in this browser: the quiet period counts from the file's arrival
  }
  const arrived = () => {
    if (!data.url) return start;
    const entry = performance
      .getEntriesByType("resource")
      .find((e) => e.name.includes(data.url) && e.responseEnd > 0);
    return entry ? entry.responseEnd : null;
  };
  const timer = setInterval(() => {
    const now = performance.now();
    const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
    const at = arrived();
    const drawn = canvas && at !== null && now - Math.max(busyUntil, at) > data.quiet_ms;
    if (drawn || now - start > data.limit_ms) {
      clearInterval(timer);
      observer.disconnect();
      setTriggerValue("drawn", true);
    }
  }, 100);
  return () => {
    clearInterval(timer);
    observer.disconnect();
  };
}
