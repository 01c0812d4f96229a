/*
 * Parley's chat widget for another site's pages (docs/widget.md). The page adds
 *   <script src="https://chat.example.org/widget.js" async></script>
 * and, before or after it, window.ParleyWidget = {getToken: async () => '<a token for the signed-in person>'}.
 * This classic script only finds Parley's origin from its own address and loads the widget's modules from there;
 * it defines nothing on the page.
 */
(() => {
  const origin = new URL(document.currentScript.src).origin;
  import(`${origin}/widget/main.js`)
    .then(({startWidget}) => startWidget(origin))
    .catch(error => console.error('Parley widget could not start:', error));
})();
