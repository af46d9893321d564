// ua-parser-js 1.x ships no type declarations (2.x does, but is AGPL): the part this package uses.
declare module 'ua-parser-js' {
  interface UAParserResult {
    ua: string
    browser: { name?: string; version?: string; major?: string }
    engine: { name?: string; version?: string }
    os: { name?: string; version?: string }
    device: { vendor?: string; model?: string; type?: string }
    cpu: { architecture?: string }
  }
  interface UAParserInstance {
    getResult(): UAParserResult
  }
  interface UAParserStatic {
    new (ua?: string): UAParserInstance
    (ua?: string): UAParserResult
  }
  const UAParser: UAParserStatic
  export = UAParser
}
