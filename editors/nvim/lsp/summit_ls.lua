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
  -- The command of the server's code lenses, run by `vim.lsp.codelens.run()`: its
  -- arguments are the document, the lens's position and the references to show.
  commands = {
    ['summit-ls.showReferences'] = function(command, ctx)
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      local locations = (command.arguments or {})[3] or {}
      local items = vim.lsp.util.locations_to_items(locations, client and client.offset_encoding or 'utf-16')
      vim.fn.setqflist({}, ' ', { title = command.title, items = items })
      if #items > 0 then
        vim.cmd('botright copen')
      end
    end,
  },
}
