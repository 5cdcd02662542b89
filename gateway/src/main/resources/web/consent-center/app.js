// The Parley consent center: sign in with a mailed code, then see and change consent per partner
// and purpose. Plain JavaScript, no build step. Every state-changing request carries the session's
// anti-CSRF token in X-CSRF-Token; nothing is kept in storage, only in this page's memory.
(function () {
  'use strict';

  var STATUS_WORDS = {
    given: 'Allowed',
    withdrawn: 'Withdrawn',
    refused: 'Refused',
    expired: 'Expired'
  };

  var state = { subject: null, csrf: null, expiresAt: null, challenge: null, catalog: null };

  function $(id) {
    return document.getElementById(id);
  }

  function announce(text) {
    var region = $('status');
    region.textContent = '';
    // A fresh text node makes screen readers announce a repeated message too.
    window.setTimeout(function () {
      region.textContent = text;
    }, 30);
  }

  function subjectPath(suffix) {
    return '/consent/subjects/' + encodeURIComponent(state.subject) + (suffix || '');
  }

  function ApiError(status, detail) {
    this.status = status;
    this.message = detail;
  }

  // Sends one request; resolves with the Response, or rejects with an ApiError whose message is the
  // problem detail the server gave.
  function call(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET' && state.csrf) {
      headers['X-CSRF-Token'] = state.csrf;
    }
    return fetch(path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store'
    }).then(function (response) {
      if (response.ok) {
        return response;
      }
      return response.text().then(function (text) {
        var detail = 'The server answered ' + response.status + '.';
        try {
          var problem = JSON.parse(text);
          detail = problem.detail || problem.title || detail;
        } catch (ignored) {
          // not a problem document; keep the generic text
        }
        throw new ApiError(response.status, detail);
      });
    });
  }

  function callJson(method, path, body) {
    return call(method, path, body).then(function (r) {
      return r.status === 204 ? null : r.json();
    });
  }

  function failed(prefix) {
    return function (error) {
      if (error instanceof ApiError && error.status === 401 && state.subject) {
        signedOut('Your session has ended. Please sign in again.');
        return;
      }
      announce(prefix + ' ' + (error && error.message ? error.message : String(error)));
    };
  }

  function formatTime(iso) {
    if (!iso) {
      return '';
    }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleString();
  }

  function formatDate(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleDateString();
  }

  function saveFile(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  }

  function fileName(response, fallback) {
    var cd = response.headers.get('Content-Disposition') || '';
    var m = /filename="([^"\\/]+)"/.exec(cd);
    return m ? m[1] : fallback;
  }

  function download(path, fallback, what) {
    return call('GET', path).then(function (response) {
      var name = fileName(response, fallback);
      return response.blob().then(function (blob) {
        saveFile(blob, name);
        announce(what + ' saved as ' + name + '.');
      });
    }, failed(what + ' could not be downloaded:'));
  }

  // ---- views ----

  function show(view) {
    $('signin').hidden = view !== 'signin';
    $('center').hidden = view !== 'center';
  }

  function showEmailStep() {
    state.challenge = null;
    $('code-form').hidden = true;
    $('email-form').hidden = false;
    $('code').value = '';
  }

  function clearCenter() {
    $('grid').tHead.textContent = '';
    $('grid').tBodies[0].textContent = '';
    $('purposes').textContent = '';
    $('history').textContent = '';
    $('history-empty').hidden = false;
    $('session-info').textContent = '';
    hideEraseConfirm(false);
  }

  function signedIn(session) {
    state.subject = session.subject;
    state.csrf = session.csrfToken;
    state.expiresAt = session.expiresAt || null;
    showEmailStep();
    show('center');
    $('session-info').textContent = state.expiresAt
      ? 'Signed in until ' + formatTime(state.expiresAt) + '.'
      : 'Signed in.';
    return loadCenter();
  }

  function signedOut(message) {
    state.subject = null;
    state.csrf = null;
    state.expiresAt = null;
    state.catalog = null;
    clearCenter();
    showEmailStep();
    $('email').value = '';
    show('signin');
    announce(message);
    $('email').focus();
  }

  // ---- sign-in ----

  function startSignIn(event) {
    event.preventDefault();
    var email = $('email').value;
    if (!email.trim()) {
      announce('Please enter your email address.');
      $('email').focus();
      return;
    }
    $('send-code').disabled = true;
    callJson('POST', '/signin/start', { email: email })
      .then(function (body) {
        state.challenge = body.challenge;
        $('email').value = '';
        $('email-form').hidden = true;
        $('code-form').hidden = false;
        $('code').focus();
        announce('We mailed you a 6-digit code. It works until ' + formatTime(body.expiresAt) + '.');
      }, failed('The code could not be sent:'))
      .then(function () {
        $('send-code').disabled = false;
      });
  }

  function verifyCode(event) {
    event.preventDefault();
    var code = $('code').value.trim();
    if (!/^[0-9]{6}$/.test(code)) {
      announce('The code has 6 digits.');
      $('code').focus();
      return;
    }
    $('verify-code').disabled = true;
    callJson('POST', '/signin/verify', { challenge: state.challenge, code: code })
      .then(
        function (session) {
          announce('You are signed in.');
          return signedIn(session).then(function () {
            $('center-title').focus();
          });
        },
        function (error) {
          $('code').value = '';
          var again = /request a new/.test(error.message || '');
          if (again) {
            showEmailStep();
            $('email').focus();
          } else {
            $('code').focus();
          }
          announce('Sign-in failed: ' + error.message);
        }
      )
      .then(function () {
        $('verify-code').disabled = false;
      });
  }

  function signOut() {
    callJson('POST', '/signin/logout').then(function () {
      signedOut('You are signed out.');
    }, failed('Signing out failed:'));
  }

  // ---- consent grid and history ----

  function loadCenter() {
    var catalog = state.catalog
      ? Promise.resolve(state.catalog)
      : callJson('GET', '/consent/catalog');
    return Promise.all([catalog, callJson('GET', subjectPath()), callJson('GET', subjectPath('/history'))])
      .then(function (results) {
        state.catalog = results[0];
        renderGrid(results[0], results[1].states || []);
        renderHistory(results[0], results[2].records || []);
      }, failed('Your consent could not be loaded:'));
  }

  function nameOf(list, id, field) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].id === id) {
        return list[i][field];
      }
    }
    return id;
  }

  function renderGrid(catalog, states) {
    var byPair = {};
    states.forEach(function (s) {
      byPair[s.partner + '\u0000' + s.purpose] = s;
    });
    var head = $('grid').tHead;
    var body = $('grid').tBodies[0];
    head.textContent = '';
    body.textContent = '';
    var headRow = head.insertRow();
    var corner = document.createElement('th');
    corner.scope = 'col';
    corner.textContent = 'Partner';
    headRow.appendChild(corner);
    catalog.purposes.forEach(function (purpose) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = purpose.title;
      headRow.appendChild(th);
    });
    catalog.partners.forEach(function (partner, row) {
      var tr = body.insertRow();
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = partner.name;
      tr.appendChild(th);
      catalog.purposes.forEach(function (purpose, col) {
        tr.appendChild(consentCell(partner, purpose, byPair[partner.id + '\u0000' + purpose.id], row, col));
      });
    });
    var dl = $('purposes');
    dl.textContent = '';
    catalog.purposes.forEach(function (purpose) {
      var dt = document.createElement('dt');
      dt.textContent = purpose.title;
      var dd = document.createElement('dd');
      dd.textContent = purpose.description || '';
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
  }

  function consentCell(partner, purpose, current, row, col) {
    var td = document.createElement('td');
    var id = 'consent-' + row + '-' + col;
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.checked = !!current && current.status === 'given';
    box.dataset.partner = partner.id;
    box.dataset.purpose = purpose.id;
    var label = document.createElement('label');
    label.htmlFor = id;
    var hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = partner.name + ', ' + purpose.title + ': ';
    var word = document.createElement('span');
    word.className = 'consent-state';
    word.textContent = current
      ? (STATUS_WORDS[current.status] || current.status) + (current.since ? ' since ' + formatDate(current.since) : '')
      : 'Not decided';
    label.appendChild(hidden);
    label.appendChild(word);
    box.addEventListener('change', function () {
      decide(box, partner, purpose);
    });
    td.appendChild(box);
    td.appendChild(label);
    return td;
  }

  function decide(box, partner, purpose) {
    var status = box.checked ? 'given' : 'withdrawn';
    box.disabled = true;
    callJson('POST', subjectPath('/decisions'), {
      partner: partner.id,
      purpose: purpose.id,
      status: status
    })
      .then(
        function (result) {
          var idx = result && result.record ? result.record.ledgerIndex : undefined;
          announce(
            (status === 'given' ? 'Allowed ' : 'Withdrew consent from ') +
              partner.name +
              ' for ' +
              purpose.title +
              '.' +
              (idx !== undefined ? ' Ledger entry ' + idx + '.' : '')
          );
          var focusId = box.id;
          return loadCenter().then(function () {
            var again = $(focusId);
            if (again) {
              again.focus();
            }
          });
        },
        function (error) {
          box.checked = !box.checked;
          failed('Your change was not saved:')(error);
        }
      )
      .then(function () {
        box.disabled = false;
      });
  }

  function renderHistory(catalog, records) {
    var list = $('history');
    list.textContent = '';
    $('history-empty').hidden = records.length > 0;
    records.forEach(function (r) {
      var li = document.createElement('li');
      var time = document.createElement('time');
      time.dateTime = r.time;
      time.textContent = formatTime(r.time);
      var text = document.createElement('span');
      text.textContent =
        ' ' +
        nameOf(catalog.partners, r.partner, 'name') +
        ', ' +
        nameOf(catalog.purposes, r.purpose, 'title') +
        ': ' +
        (STATUS_WORDS[r.status] || r.status) +
        (r.source ? ' (' + r.source + ')' : '') +
        ' ';
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = 'Download receipt';
      button.setAttribute(
        'aria-label',
        'Download receipt of ledger entry ' + r.ledgerIndex + ' (' + text.textContent.trim() + ')'
      );
      button.dataset.ledgerIndex = String(r.ledgerIndex);
      button.addEventListener('click', function () {
        download(
          subjectPath('/receipts/' + encodeURIComponent(r.ledgerIndex)),
          'parley-receipt-' + r.ledgerIndex + '.json',
          'Receipt'
        );
      });
      li.appendChild(time);
      li.appendChild(text);
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  // ---- export and erasure ----

  function exportData() {
    download(subjectPath('/export'), 'parley-consent-export.jsonld', 'Your data');
  }

  function showEraseConfirm() {
    $('erase-confirm').hidden = false;
    $('erase').setAttribute('aria-expanded', 'true');
    $('erase-confirm-title').focus();
  }

  function hideEraseConfirm(refocus) {
    $('erase-confirm').hidden = true;
    $('erase').setAttribute('aria-expanded', 'false');
    if (refocus) {
      $('erase').focus();
    }
  }

  function erase() {
    $('erase-yes').disabled = true;
    callJson('DELETE', subjectPath())
      .then(function (result) {
        var n = result && typeof result.records === 'number' ? result.records : 0;
        signedOut(
          'Everything was erased (' + n + (n === 1 ? ' record' : ' records') + '). You are signed out.'
        );
      }, failed('Erasure failed:'))
      .then(function () {
        $('erase-yes').disabled = false;
      });
  }

  // ---- start ----

  function init() {
    $('email-form').addEventListener('submit', startSignIn);
    $('code-form').addEventListener('submit', verifyCode);
    $('restart').addEventListener('click', function () {
      showEmailStep();
      $('email').focus();
    });
    $('signout').addEventListener('click', signOut);
    $('export').addEventListener('click', exportData);
    $('erase').addEventListener('click', showEraseConfirm);
    $('erase-no').addEventListener('click', function () {
      hideEraseConfirm(true);
    });
    $('erase-yes').addEventListener('click', erase);
    $('center-title').tabIndex = -1;
    document.body.dataset.ready = 'false';
    fetch('/signin/session', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(
        function (session) {
          return session ? signedIn(session) : show('signin');
        },
        function () {
          show('signin');
        }
      )
      .then(function () {
        document.body.dataset.ready = 'true';
      });
  }

  init();
})();
