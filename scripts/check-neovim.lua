-- Drives medlint's language server from headless Neovim on a real article: the diagnostics
-- shown, a rule's docs on hover, a code action that inserts a suppression, and the findings
-- updating after it. Uses only what Debian's Neovim 0.7 has (vim.lsp.start_client; newer
-- versions also have vim.lsp.start, which wraps it).
-- Run by scripts/check-neovim.sh.

local medlint, article = os.getenv('MEDLINT'), os.getenv('ARTICLE')
local failures = 0
local function check(ok, what)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. what .. '\n')
  if not ok then failures = failures + 1 end
end
local function finish()
  io.stdout:write(string.format('%d passed, %d failed\n', 6 - failures, failures))
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(article))
vim.bo.filetype = 'markdown'
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'medlint',
  cmd = { medlint, 'server' },
  root_dir = vim.fn.fnamemodify(article, ':h'),
})
vim.lsp.buf_attach_client(buf, client_id)

local function lsp_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end
local function with_code(code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if lsp_code(d) == code then table.insert(out, d) end
  end
  return out
end

-- The timeouts only stop a hung server from hanging the script.
vim.wait(30000, function() return #with_code('MED101') > 0 end, 50)
local cures = with_code('MED101')
check(#cures == 2, 'two MED101 cure claims underlined (got ' .. #cures .. ')')
local first = cures[1]
check(first ~= nil and first.source == 'medlint' and first.severity == vim.diagnostic.severity.ERROR,
  'the first is an error from medlint')
if first == nil then return finish() end

local uri = vim.uri_from_bufnr(buf)
local position = { line = first.lnum, character = first.col + 1 }
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
  { textDocument = { uri = uri }, position = position }, 20000)
local docs = ''
for _, answer in pairs(hover or {}) do
  if answer.result then docs = answer.result.contents.value end
end
check(docs:find('# MED101 cure-claim', 1, true) == 1, 'hover shows the docs of MED101')

local range = {
  start = { line = first.lnum, character = first.col },
  ['end'] = { line = first.end_lnum, character = first.end_col },
}
local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = range,
  -- The server finds the findings in the range itself.
  context = { diagnostics = {} },
}, 20000)
local suppress
for _, answer in pairs(answers or {}) do
  for _, action in ipairs(answer.result or {}) do
    if action.title == 'Suppress MED101 here (with a reason)' then suppress = action end
  end
end
check(suppress ~= nil, 'a code action offers to suppress MED101 with a reason')
if suppress == nil then return finish() end

vim.lsp.util.apply_workspace_edit(suppress.edit, 'utf-16')
local above = vim.api.nvim_buf_get_lines(buf, first.lnum, first.lnum + 1, false)[1]
check(above == '<!-- medlint-disable-next-line MED101 -- reason: … -->',
  'the action inserted the suppression above the paragraph: ' .. tostring(above))

-- The edit reaches the server as a change; the findings follow.
vim.wait(30000, function() return #with_code('MED101') == 0 end, 50)
check(#with_code('MED101') == 0 and #with_code('MED102') == 1,
  'the cure claims are suppressed, the other findings stay')
finish()
