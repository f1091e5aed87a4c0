// Banso's one script: small enhancements; every page works without it.
"use strict";
(function () {
  // A form with data-confirm asks before it is sent (deleting, revoking, closing a period).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
