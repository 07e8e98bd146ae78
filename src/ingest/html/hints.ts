// Class/id/role hints: data, one entry per pattern with the reason it is there. They are the general
// vocabulary of page templates (the same words Readability.js and trafilatura key on), never the
// markup of one site.

export interface Hint {
  pattern: string;
  reason: string;
}

/** Class or id words that mark boilerplate widgets: a region so named is dropped unless it holds most of
 * the page's text (then it is a page wrapper with an unlucky name, e.g. "has-sidebar"). */
export const NEGATIVE_HINTS: Hint[] = [
  { pattern: 'comment|disqus|replies|respond', reason: 'reader comments and comment forms' },
  { pattern: 'share|sharing|social|sociable|addthis|follow-us', reason: 'share bars and social buttons' },
  { pattern: 'related|recommend|more-stories|more-from|read-more|readmore|trending|popular|most-read|mostread|outbrain|taboola', reason: 'related and recommended article lists' },
  { pattern: 'promo|sponsor|advert|ads?(?![a-z])|adslot|adunit|dfp|banner', reason: 'advertising and promotions' },
  { pattern: 'cookie|consent|gdpr|subscribe|subscription|newsletter|signup|sign-up', reason: 'cookie banners and newsletter sign-ups (not "paywall": pages served without script put the full article inside it)' },
  { pattern: 'nav|menu|breadcrumb|masthead|pagination|pager|skip-link|toolbar', reason: 'navigation and menus' },
  { pattern: 'footer|sidebar|side-bar|aside', reason: 'page footers and side columns' },
  { pattern: 'modal|popup|overlay|lightbox', reason: 'pop-ups shown over the page' },
];

/** Class or id words that mark metadata and furniture inside an article: dropped inside the chosen
 * content, never used to rule a container out. */
export const WEAK_NEGATIVE_HINTS: Hint[] = [
  { pattern: 'widget|rail|supplemental', reason: 'page furniture (also used for whole content wrappers by some templates)' },
  { pattern: 'byline|author-bio|author-info|contributor|dateline|timestamp|article-meta|post-meta|entry-meta|meta-data', reason: 'bylines and date lines (metadata, not body; author and date come from tags)' },
  { pattern: 'tags|tag-list|topics|keywords|categories', reason: 'tag and topic lists' },
  { pattern: 'print|email|visually-hidden|sr-only|screen-reader', reason: 'print/e-mail links and text hidden from sight' },
  { pattern: 'caption|credit|gallery|slideshow|carousel|video-player|media-credit', reason: 'image captions, credits and media galleries (not prose)' },
  { pattern: 'header|headline|title', reason: 'page and article headers; the headline goes to `title`' },
];

/** Class or id words that mark the article itself; they rescue an element from a negative hint. */
export const POSITIVE_HINTS: Hint[] = [
  { pattern: 'article|story|entry|post-body|postbody|post-content|blog-post', reason: 'the article container' },
  { pattern: 'body|content|text|main|prose|column', reason: 'the main content column' },
];

/** ARIA roles that are never the article body. */
export const BOILERPLATE_ROLES: Hint[] = [
  { pattern: 'navigation|menu|menubar|banner|contentinfo|complementary|dialog|alert|alertdialog|search|tablist|toolbar', reason: 'landmarks and widgets around the content' },
];

/** Short lines that are interface text, not prose, when they form a block on their own. */
export const BOILERPLATE_LINES: Hint[] = [
  { pattern: '^(advertisement|advertisements|advertising|sponsored|sponsored content|ad)$', reason: 'ad slot labels' },
  { pattern: '^(share|share this|share this article|share this story|share on \\w+|tweet|email|print|comments?|\\d+ comments?)$', reason: 'share bar labels' },
  { pattern: '^(sharing is caring!?|.{0,40}\\bshare (it|this|the \\w+) with .{0,30})$', reason: 'share prompts ("Sharing is caring!", "Like this story? Share it with a friend!")' },
  { pattern: '^(read more|read next|continue reading|related|related articles|related stories|more stories|see also|recommended)\\b.{0,40}$', reason: 'related-article teasers' },
  { pattern: '^(sign up|subscribe|subscribe now|log in|sign in|register)\\b.{0,60}$', reason: 'account and newsletter prompts' },
  { pattern: '^(image|photo|picture|video|credit|source)\\s*(:|copyright|©).{0,80}$', reason: 'media credits' },
  { pattern: '^(©|copyright|\\(c\\))\\s.{0,100}$', reason: 'copyright lines' },
];

function compile(hints: Hint[]): RegExp {
  return new RegExp(hints.map((h) => `(?:${h.pattern})`).join('|'), 'i');
}

/** Hints match at the start of a word of a class/id ("pageRow" is not "pager", "trail" is not "rail"). */
function compileWords(hints: Hint[]): RegExp {
  return new RegExp(`(?<![a-z])(?:${hints.map((h) => h.pattern).join('|')})`);
}

/** class + id as lower-case words: camelCase split, so "ArticleBody" reads "article-body". */
export function hintWords(classAndId: string): string {
  return classAndId.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

export const NEGATIVE_RE = compileWords(NEGATIVE_HINTS);
export const WEAK_NEGATIVE_RE = compileWords(WEAK_NEGATIVE_HINTS);
export const POSITIVE_RE = compileWords(POSITIVE_HINTS);
export const ROLE_RE = new RegExp(`^(?:${BOILERPLATE_ROLES.map((h) => h.pattern).join('|')})$`, 'i');
export const BOILERPLATE_LINE_RE = compile(BOILERPLATE_LINES);
