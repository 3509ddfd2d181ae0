-- Headless Neovim against the built summit-ls on copies of the seed corpus.
-- Run by scripts/test-nvim.sh; exits non-zero on any mismatch.
local repo, corpus, raw = vim.env.REPO, vim.env.SUMMIT_CORPUS, vim.env.SUMMIT_RAW
vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
vim.cmd('runtime! plugin/summit.lua')

-- The lines editors/nvim/README.md tells users to add: its first Lua block under
-- "The few lines to add", run as a user's init.lua would.
local function readme_lines()
  local readme = table.concat(vim.fn.readfile(repo .. '/editors/nvim/README.md'), '\n')
  local section = readme:match('## The few lines to add(.-)\n## ')
  return section and section:match('```lua\n(.-)```')
end
local snippet = readme_lines()
local loaded = snippet and load(snippet, 'editors/nvim/README.md')
if not loaded then
  print('FAIL: the README\'s lines to add were not found or do not load')
  os.exit(1)
end
loaded()

local passed, failed = 0, 0
local function check(ok, what, detail)
  if ok then
    passed = passed + 1
    print('ok: ' .. what)
  else
    failed = failed + 1
    print('FAIL: ' .. what .. (detail and (': ' .. vim.inspect(detail)) or ''))
  end
end

local function client_of(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'summit_ls' })[1]
end

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(15000, function() return client_of(buf) ~= nil end, 50)
  return buf
end

local function codes(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, d.code)
  end
  table.sort(out)
  return out
end

local function has_code(buf, code)
  return vim.tbl_contains(codes(buf), code)
end

-- Puts the cursor on the first character of the `nth` match of a plain string.
local function cursor_to(buf, needle, nth, offset)
  local seen = 0
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local from = 1
    while true do
      local s = line:find(needle, from, true)
      if not s then break end
      seen = seen + 1
      if seen == (nth or 1) then
        vim.api.nvim_win_set_cursor(0, { i, s - 1 + (offset or 0) })
        return true
      end
      from = s + 1
    end
  end
  return false
end

-- Asks for a hover at the cursor, positions converted by Neovim itself.
local function hover_at_cursor(buf)
  local client = client_of(buf)
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local result = client:request_sync('textDocument/hover', params, 10000, buf)
  local contents = result and result.result and result.result.contents
  return contents and contents.value or ''
end

-- 1. Attach to a report and negotiate UTF-8, as Neovim offers it first.
local b002 = open(corpus .. '/002_570dadb1797cfef4.txt')
check(vim.bo[b002].filetype == 'summit', 'a .txt file in a corpus is a summit report', vim.bo[b002].filetype)
local client = client_of(b002)
check(client ~= nil, 'summit-ls attached')
if not client then
  print(('%d passed, %d failed'):format(passed, failed + 1))
  os.exit(1)
end
check(client.offset_encoding == 'utf-8', 'UTF-8 positions negotiated', client.offset_encoding)
check(
  vim.tbl_get(client.capabilities, 'workspace', 'didChangeWatchedFiles', 'dynamicRegistration') == true,
  'the shipped config asks for file watching'
)
-- What the README's lines set up, in a report buffer.
check(vim.fn.maparg('gd', 'n', false, true).buffer == 1, 'gd is mapped in a report')
check(vim.lsp.inlay_hint.is_enabled({ bufnr = b002 }), 'inlay hints are on in a report')
check(vim.diagnostic.config().virtual_text == true, 'diagnostic text at the end of the line')
check(vim.o.winborder == 'rounded', 'hovers have a border')
vim.wait(15000, function() return has_code(b002, 'boilerplate') end, 50)

-- 2. Hover on Kerry in 002.
cursor_to(b002, 'Kerry forwards')
local hover = hover_at_cursor(b002)
check(hover:find('United States Secretary of State on 2014-02-14', 1, true) ~= nil, 'hover on Kerry in 002', hover)

-- 3. A hover just past an en space (3 bytes, 1 UTF-16 unit): 004's "with US President Joe Biden".
local b004 = open(corpus .. '/004_bfd07e8ce2afdc7f.txt')
cursor_to(b004, '\u{2002}US President Joe Biden', 1, 3)
hover = hover_at_cursor(b004)
check(hover:find('**Joe Biden**: President of the United States on 2023-11-15', 1, true) ~= nil, 'hover after an en space', hover)

-- 3b. The code lens on 004's meeting line (refreshed by the README's lines): the
-- meeting's counts; run, it puts the references in the quickfix list, 003's among them.
vim.api.nvim_set_current_buf(b004)
local lens_title = ''
-- A lens shown while the corpus was still being read says "so far"; Neovim asks again
-- on the README's events (BufEnter, InsertLeave, BufWritePost), here once a second.
local asked = 0
vim.wait(15000, function()
  if vim.uv.now() - asked > 1000 then
    asked = vim.uv.now()
    vim.lsp.codelens.refresh({ bufnr = b004 })
  end
  for _, lens in ipairs(vim.lsp.codelens.get(b004)) do
    local title = lens.command and lens.command.title or ''
    if title:find('referred to by', 1, true) then
      lens_title = title
      return true
    end
  end
  return false
end, 100)
check(
  lens_title:match('^1 report') ~= nil and lens_title:match(' · referred to by 1 meeting$') ~= nil,
  "a code lens on 004's meeting line",
  lens_title
)
cursor_to(b004, 'meeting: san-francisco-2023')
vim.lsp.codelens.run()
local listed = {}
for _, item in ipairs(vim.fn.getqflist()) do
  table.insert(listed, vim.fn.fnamemodify(vim.fn.bufname(item.bufnr), ':t'))
end
check(vim.tbl_contains(listed, '003_1bc3eefbf81d6a5d.txt'), 'running the lens lists its references in the quickfix list', listed)
vim.cmd('cclose')

-- 4. Inlay hints on 003: "Sunday" resolves to 2024-11-17.
local b003 = open(corpus .. '/003_1bc3eefbf81d6a5d.txt')
local result = client_of(b003):request_sync('textDocument/inlayHint', {
  textDocument = { uri = vim.uri_from_bufnr(b003) },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(b003), character = 0 } },
}, 10000, b003)
local labels = {}
for _, h in ipairs(result and result.result or {}) do
  table.insert(labels, h.label)
end
check(vim.deep_equal(labels, { '2024-11-17', '2024-11-16' }), 'inlay hints in 003', labels)

-- 5. Go to definition from a meeting reference: "the Annenberg Estate meeting" in 000
-- jumps to the Sunnylands [[meeting]] entry in corpus.toml.
local b000 = open(corpus .. '/000_bd05f014e72710d3.txt')
cursor_to(b000, 'Annenberg Estate meeting', 1, 2)
-- `gd`, as the README maps it: typed, not called.
vim.api.nvim_feedkeys('gd', 'x', false)
local jumped = vim.wait(10000, function()
  return vim.api.nvim_buf_get_name(0):match('corpus%.toml$') ~= nil
end, 50)
local line = vim.api.nvim_get_current_line()
check(jumped and line:find('sunnylands-2013', 1, true) ~= nil, 'gd from a meeting reference', line)

-- 6. Diagnostics on a raw seed, then an edit and the updated diagnostics.
local raw000 = open(raw .. '/000_bd05f014e72710d3.txt')
vim.wait(15000, function() return has_code(raw000, 'missing-front-matter') end, 50)
check(has_code(raw000, 'missing-front-matter'), 'a raw seed has no front matter', codes(raw000))
vim.api.nvim_buf_set_lines(raw000, 0, 0, false, { '---', 'title: Xi Jinping and President Barack Obama of the US Jointly Meet the Press', '---' })
vim.wait(15000, function() return has_code(raw000, 'missing-field') end, 50)
local after = codes(raw000)
check(has_code(raw000, 'missing-field') and not has_code(raw000, 'missing-front-matter'), 'typing a front matter updates the diagnostics', after)

-- 7. A report written to disk by another program, of 000's meeting on another day:
-- through file watching, the open 000 learns of the conflict; deleted, it forgets it.
vim.api.nvim_set_current_buf(b000)
vim.wait(15000, function() return has_code(b000, 'boilerplate') end, 50)
check(not has_code(b000, 'meeting-date-conflict'), '000 agrees with the corpus at first', codes(b000))
local stranger = corpus .. '/900_written_by_a_script.txt'
local file = assert(io.open(stranger, 'w'))
file:write(table.concat({
  '---',
  'title: Xi Jinping meets Barack Obama',
  'meeting: beijing-2014',
  'date: 2014-11-13',
  'location: Great Hall of the People, Beijing',
  'participants: [xi-jinping, barack-obama]',
  'source: A script',
  '---',
  'On November 13, 2014, Xi Jinping met Barack Obama.',
  '',
}, '\n'))
file:close()
local heard = vim.wait(20000, function() return has_code(b000, 'meeting-date-conflict') end, 100)
check(heard, 'a report created on disk reaches an open report', codes(b000))
local message = ''
for _, d in ipairs(vim.diagnostic.get(b000)) do
  if d.code == 'meeting-date-conflict' then
    message = d.message
  end
end
check(message:find('900_written_by_a_script.txt', 1, true) ~= nil, 'the conflict names the new file', message)
os.remove(stranger)
local forgot = vim.wait(20000, function() return not has_code(b000, 'meeting-date-conflict') end, 100)
check(forgot, 'a report deleted on disk leaves the open report', codes(b000))

print(('%d passed, %d failed'):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
