// The console's two scripts: an export sent as the request body (as the HTTP API takes it), and
// the live part of the exchange page fetched again every few seconds. No inline script runs: the
// pages' Content-Security-Policy allows only this file.
(function () {
  'use strict';
  var token = document.querySelector('meta[name=csrf]');

  var upload = document.getElementById('upload');
  if (upload) {
    upload.addEventListener('submit', function (event) {
      event.preventDefault();
      var file = document.getElementById('file').files[0];
      var mapping = document.getElementById('mapping').files[0];
      var status = document.getElementById('upload-status');
      status.textContent = '正在报送 Submitting ' + file.name + ' …';
      (mapping ? mapping.text() : Promise.resolve('')).then(function (yaml) {
        var query = new URLSearchParams({ type: document.getElementById('type').value, file_name: file.name,
          mapping_yaml: yaml });
        return fetch(upload.dataset.action + '?' + query.toString(), { method: 'POST', body: file,
          credentials: 'same-origin', headers: { 'X-CSRF-Token': token.content } });
      }).then(function (response) {
        return response.json();
      }).then(function (answer) {
        if (answer.submission !== undefined) {
          window.location.href = 'submission?id=' + answer.submission;
        } else {
          status.textContent = answer.error;
          status.className = 'refused';
        }
      }).catch(function (error) {
        status.textContent = String(error);
        status.className = 'refused';
      });
    });
  }

  var live = document.getElementById('live');
  if (live) {
    window.setInterval(function () {
      fetch(live.dataset.live, { credentials: 'same-origin' }).then(function (response) {
        if (response.ok) {
          return response.text().then(function (html) { live.innerHTML = html; });
        }
      });
    }, 5000);
  }
})();
