// Everything @actiontrail/vue exports, without the framework and the core it builds on.
export * from '@actiontrail/vue'
