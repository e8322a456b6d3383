// The sign-in form posts to /login; a failure comes back as /login?error.
if (new URLSearchParams(location.search).has('error')) {
  document.getElementById('login-error').hidden = false;
}
document.getElementById(document.getElementById('username').value ? 'password' : 'username').focus();
