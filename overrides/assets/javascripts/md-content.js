// Material's content script, from its partials/javascripts/content.html, moved
// to a file for the Content-Security-Policy: opens a linked content tab.
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
