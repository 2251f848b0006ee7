import { escapeHtml } from '../html.js';

const BASE_STYLE = `
body{font-family:Arial,Helvetica,sans-serif;background:#f5f5f5;margin:0;color:#333}
.container{max-width:420px;margin:48px auto;padding:0 16px}
.card,.modal-content{background:#fff;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.2);padding:24px}
label{display:block;margin:12px 0 4px;font-weight:bold}
input[type=text],input[type=password],input:not([type]){width:100%;box-sizing:border-box;padding:8px;font-size:14px}
.btn,button{margin-top:16px;width:100%;padding:10px;background:#2677d9;color:#fff;border:0;border-radius:4px;font-size:15px;cursor:pointer}
.errorMessage-customizable,[role=alert]{color:#b00020;margin:8px 0}
`;

/** Shell for every server-rendered screen; `body` must already be escaped HTML. */
export function layout(title: string, body: string, extraStyle = '', lang = 'en'): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_STYLE}${extraStyle}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
