// The strict-CSP page's own script (allowed: same origin). It shows a refusal after a click, without eval.
document.addEventListener('submit', (event) => {
  event.preventDefault();
  setTimeout(() => {
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.textContent = 'Incorrect username or password.';
    document.body.prepend(box);
  }, 150);
});
