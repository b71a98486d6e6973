import engine

engine.main()
