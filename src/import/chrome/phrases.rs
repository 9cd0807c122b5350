//! The phrase tables: whole units, prefixes and contained phrases that mark site chrome.

/// Whole units (normalised) that are always chrome.
#[rustfmt::skip]
pub(super) const EXACT: &[&str] = &[
    "comment", "comments", "comment*", "name", "name*", "email", "email*", "e-mail", "e-mail*",
    "website", "url", "post comment", "post a comment", "submit", "submit comment", "reply",
    "cancel reply", "δ", "add a comment", "view comments", "show comments",
    "load more comments", "captcha", "recaptcha", "i'm not a robot", "i am not a robot",
    "continue on app", "continue in app", "open in app", "open app", "get the app",
    "download the app", "share", "share this", "share this article", "share this story",
    "share this post", "share article", "share on facebook", "share on twitter", "share on x",
    "share via email", "share via", "tweet", "print", "print this", "email this", "copy link",
    "copy url", "link copied", "listen to this article", "listen", "save", "save article",
    "save for later", "bookmark", "gift this article", "follow", "follow us",
    "follow on google news", "like", "like this", "like loading", "more", "menu", "main menu", "close menu", "open menu",
    "toggle navigation", "navigation", "skip to content", "skip to main content",
    "skip to navigation", "jump to content", "search", "search for", "home", "back to top",
    "scroll to top", "previous article", "next article", "previous post", "next post",
    "previous story", "next story", "close", "loading", "sections", "tags", "topics",
    "filed under", "advertisement", "advertisements", "ad", "sponsored", "sponsored content",
    "subscribe", "subscribe now", "sign in", "sign up", "log in", "login", "register",
    "log out", "my account", "newsletter", "newsletters", "accept", "accept all", "reject all",
    "manage cookies", "cookie settings", "manage preferences", "got it", "ok",
    "about the author", "continue reading", "read the full story", "read full article",
    "privacy", "privacy policy", "terms", "terms of use", "terms of service", "privacy - terms",
    "contact", "contact us", "about us",
];

/// Units that start a "more stories" list: the list's headlines that follow are chrome.
#[rustfmt::skip]
pub(super) const SECTION: &[&str] = &[
    "related articles", "related posts", "related stories", "related news", "related",
    "related content", "related coverage", "latest stories", "latest news", "latest",
    "latest articles", "latest posts", "read more", "read next", "more stories", "more news",
    "more from", "more articles", "you may also like", "you might also like",
    "you may be interested in", "recommended", "recommended for you", "recommended stories",
    "most read", "most popular", "popular", "popular stories", "trending", "trending now",
    "top stories", "editor's picks", "don't miss", "also read", "see also", "further reading",
    "in other news", "what to read next", "keep reading",
];

/// Units that start the comment section: nothing after them is article text.
#[rustfmt::skip]
pub(super) const TAIL: &[&str] = &[
    "leave a reply", "leave a comment", "leave a reply cancel reply", "join the discussion",
    "join the conversation", "discussion", "comments are closed", "responses",
    "reader comments", "what do you think", "comments", "show comments", "view comments",
    "load comments", "add a comment", "post a comment",
];

/// Phrases that mark a short unit as chrome wherever they appear in it.
#[rustfmt::skip]
pub(super) const CONTAINS: &[&str] = &[
    "your email address will not be published", "required fields are marked",
    "save my name, email", "save my name and email", "please enter your comment",
    "please enter your name", "please enter your email", "you have entered an incorrect email",
    "you must be logged in to post", "notify me of follow-up comments",
    "notify me of new posts", "this site uses akismet", "captcha", "not a robot",
    "we use cookies", "uses cookies", "use of cookies", "accept cookies", "accept all cookies",
    "cookie policy", "cookie preferences", "by continuing to use this", "all rights reserved",
    "sign up for our", "subscribe to our", "get our newsletter", "join our newsletter",
    "follow us on", "click to share", "opens in new window", "opens in a new window",
    "continue on app", "download our app", "turn on notifications", "enable notifications",
    "javascript is disabled", "enable javascript", "support our journalism",
];

/// Prefixes of short units that are chrome ("Read more: …", "© 2024 …").
#[rustfmt::skip]
pub(super) const PREFIX: &[&str] = &[
    "read more:", "read more -", "read more –", "related:", "see also:", "also read:",
    "also read -", "recommended:", "read next:", "more from ", "more on this", "copyright ",
    "©", "(c) 20", "advertisement", "sponsored by", "tags:", "topics:", "filed under",
    "posted in ", "categories:", "category:", "share this", "follow us", "sign up for",
    "subscribe to", "click here to",
];

#[rustfmt::skip]
pub(super) const SOCIAL: &[&str] = &[
    "facebook", "twitter", "x", "linkedin", "whatsapp", "email", "e-mail", "mail", "print",
    "reddit", "pinterest", "telegram", "tumblr", "flipboard", "messenger", "share", "copy",
    "link", "sms", "threads", "bluesky", "mastodon", "tweet", "pocket", "instagram", "youtube",
    "tiktok", "rss", "comments", "comment", "google", "news", "on", "via",
];
