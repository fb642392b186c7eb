import { Marked } from 'marked'
import { FilterXSS } from 'xss'

// Raw HTML written into the Markdown is escaped (shown as text, never run); the sanitizer
// then filters what Markdown itself produced, as a second wall (e.g. `javascript:` links).
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
})

const ALLOWED: Record<string, string[]> = {
  p: [], br: [], strong: [], em: [], del: [], blockquote: [], code: [], pre: [], hr: [],
  h2: [], h3: [], h4: [], ul: [], ol: ['start'], li: [], a: ['href', 'title'],
  table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'],
}

const sanitizer = new FilterXSS({
  whiteList: ALLOWED,
  stripIgnoreTagBody: ['script', 'style'],
  onTagAttr: (tag, name, value) => {
    if (tag === 'a' && name === 'href' && !/^(https?:|mailto:|tel:|\/|#)/i.test(value.trim())) return ''
    return undefined
  },
})

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string)
}

/**
 * Staff Markdown → safe HTML. Headings start at h2 because the page's h1 is the title; images
 * in the text are not allowed (a post has one uploaded, resized picture instead).
 */
export function renderMarkdown(md: string): string {
  const shifted = md.replace(/^(#{1,3})(\s)/gm, (_, h: string, sp: string) => `${'#'.repeat(Math.min(h.length + 1, 4))}${sp}`)
  const html = marked.parse(shifted) as string

  return sanitizer.process(html)
}

/** Plain text of Markdown for excerpts and descriptions (no markup at all). */
export function markdownExcerpt(md: string, max = 180): string {
  const text = md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text
}
