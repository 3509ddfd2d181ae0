-- summit-ls for Neovim 0.11+: `vim.lsp.config` reads this file from the runtimepath.
-- Reports are the `.txt` files of a corpus (a folder with a corpus.toml); the server
-- also checks corpus.toml itself.
return {
  cmd = { vim.env.SUMMIT_LS or 'summit-ls' },
  filetypes = { 'summit', 'toml' },
  root_markers = { 'corpus.toml' },
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    -- Of TOML files, only a corpus's own corpus.toml.
    if vim.bo[bufnr].filetype == 'toml' and vim.fs.basename(name) ~= 'corpus.toml' then
      return
    end
    local root = vim.fs.root(bufnr, 'corpus.toml')
    if root then
      on_dir(root)
    end
  end,
  -- Neovim 0.11 leaves file watching off on Linux unless a config asks for it; without
  -- it, a report created, changed or deleted from the shell never reaches the open ones.
  -- Merged into Neovim's default capabilities.
  capabilities = {
    workspace = { didChangeWatchedFiles = { dynamicRegistration = true } },
  },
}
