// Strict readers for what `server check` writes, so tests prove the output is what its consumers accept:
// - parsePrometheusText: the Prometheus text exposition format 0.0.4 as node_exporter's textfile collector
//   (expfmt's TextParser) reads it: HELP/TYPE before a family's samples, a family's samples together, valid
//   metric and label names, only \\ \" \n escapes in label values, float values, no duplicate series, and a
//   final newline;
// - parseXml: a well-formedness check (one root, matched tags, quoted attributes without duplicates, only
//   the five predefined and numeric entities, no stray `<` or `&`), returning the element tree.

export interface PromSample {
  name: string
  labels: Record<string, string>
  value: number
}

export interface PromFamily {
  name: string
  help?: string
  type?: string
  samples: PromSample[]
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])

function parseFloatStrict(text: string, where: string): number {
  if (text === 'NaN') return Number.NaN
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY
  if (text === '-Inf') return Number.NEGATIVE_INFINITY
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`${where}: bad value ${JSON.stringify(text)}`)
  return Number(text)
}

export function parsePrometheusText(text: string): Map<string, PromFamily> {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('exposition must end with a newline')
  const families = new Map<string, PromFamily>()
  const series = new Set<string>()
  let current: string | undefined
  const family = (name: string, where: string): PromFamily => {
    if (current !== name && families.has(name)) throw new Error(`${where}: family ${name} is not contiguous`)
    current = name
    const f = families.get(name) ?? {name, samples: []}
    families.set(name, f)
    return f
  }
  const lines = text.split('\n').slice(0, -1)
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 1}`
    if (line.trim() === '') continue
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line)
      if (!m) continue // a plain comment
      const [, kind, name, rest] = m
      if (!METRIC.test(name)) throw new Error(`${where}: bad metric name ${name}`)
      const f = family(name, where)
      if (kind === 'HELP') {
        if (f.help !== undefined) throw new Error(`${where}: second HELP for ${name}`)
        if (/\\[^\\n]/.test(rest.replaceAll('\\\\', ''))) throw new Error(`${where}: bad escape in HELP`)
        f.help = rest
      } else {
        if (f.type !== undefined) throw new Error(`${where}: second TYPE for ${name}`)
        if (f.samples.length > 0) throw new Error(`${where}: TYPE after samples of ${name}`)
        if (!TYPES.has(rest)) throw new Error(`${where}: bad type ${rest}`)
        f.type = rest
      }
      continue
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line)
    if (!m) throw new Error(`${where}: not a sample: ${JSON.stringify(line)}`)
    const [, name, , labelText, valueText] = m
    const labels: Record<string, string> = {}
    if (labelText !== undefined && labelText !== '') {
      const re = /([^=,\s]+)="((?:[^"\\]|\\[\\"n])*)"(,|$)/y
      let index = 0
      while (index < labelText.length) {
        re.lastIndex = index
        const l = re.exec(labelText)
        if (!l) throw new Error(`${where}: bad labels ${JSON.stringify(labelText)}`)
        if (!LABEL.test(l[1])) throw new Error(`${where}: bad label name ${l[1]}`)
        if (l[1] in labels) throw new Error(`${where}: duplicate label ${l[1]}`)
        labels[l[1]] = l[2].replaceAll(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
        index = re.lastIndex
        if (l[3] === '' && index < labelText.length) throw new Error(`${where}: bad labels ${JSON.stringify(labelText)}`)
      }
    }
    const f = family(name, where)
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`
    if (series.has(key)) throw new Error(`${where}: duplicate series ${key}`)
    series.add(key)
    f.samples.push({name, labels, value: parseFloatStrict(valueText, where)})
  }
  return families
}

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*'

function decode(text: string, where: string): string {
  if (text.includes('<')) throw new Error(`${where}: stray <`)
  return text.replaceAll(/&([^;]*);?/g, (all, entity: string) => {
    if (!all.endsWith(';')) throw new Error(`${where}: bare &`)
    const named: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}
    if (entity in named) return named[entity]
    const n = /^#(x[0-9a-fA-F]+|\d+)$/.exec(entity)
    if (!n) throw new Error(`${where}: unknown entity &${entity};`)
    return String.fromCodePoint(n[1].startsWith('x') ? Number.parseInt(n[1].slice(1), 16) : Number(n[1]))
  })
}

export function parseXml(text: string): XmlElement {
  let i = 0
  const prolog = /^<\?xml\s[^?]*\?>\s*/.exec(text)
  if (prolog) i = prolog[0].length

  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) throw new Error('control characters are not allowed in XML 1.0')
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  const tag = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y')
  while (i < text.length) {
    const lt = text.indexOf('<', i)
    const chunk = text.slice(i, lt === -1 ? text.length : lt)
    if (chunk.trim() !== '') {
      if (stack.length === 0) throw new Error(`text outside the root at ${i}`)
      stack.at(-1)!.text += decode(chunk, `at ${i}`)
    }
    if (lt === -1) break
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt)
      if (end === -1) throw new Error('unterminated comment')
      i = end + 3
      continue
    }
    tag.lastIndex = lt
    const m = tag.exec(text)
    if (!m) throw new Error(`malformed tag at ${lt}: ${JSON.stringify(text.slice(lt, lt + 40))}`)
    const [, closing, name, attrText, selfClosing] = m
    i = tag.lastIndex
    if (closing) {
      const open = stack.pop()
      if (!open || open.name !== name) throw new Error(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`)
      continue
    }
    const attributes: Record<string, string> = {}
    for (const a of attrText.matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
      if (a[1] in attributes) throw new Error(`duplicate attribute ${a[1]} on <${name}>`)
      attributes[a[1]] = decode(a[2] ?? a[3], `<${name} ${a[1]}>`)
    }
    const element: XmlElement = {name, attributes, children: [], text: ''}
    if (stack.length === 0) {
      if (root) throw new Error('more than one root element')
      root = element
    } else stack.at(-1)!.children.push(element)
    if (!selfClosing) stack.push(element)
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is not closed`)
  if (!root) throw new Error('no root element')
  return root
}
