// Shared by the benchmark pages: with `?tracker` in the URL the page runs the tracker, as an
// application would, sending to the bench server's collector stand-in; without it, it runs none.
// `window.tracker` lets the benchmark flush it and start actions.
const wanted = new URLSearchParams(location.search).has('tracker')
const { createTracker } = wanted ? await import('/tracker.js') : {}
export const tracker = createTracker?.({ applicationId: 'bench', endpoint: '/collect' })
window.tracker = tracker
