// What an app ships that moves from another RUM product by changing its import.
export * from '@actiontrail/core/shims'
