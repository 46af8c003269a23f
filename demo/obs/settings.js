// Settings for OBS's "Local file", which opens this page without a query string. Uncomment the
// line below and put the text after "?" of a URL from the gallery's OBS builder between the quotes
// (or let the builder write this file for you). A query string in the page's URL wins over it.
// window.onairObsSettings = 'platform=streamerbot&port=8080&widgets=viewer-counter,leaderboard';
