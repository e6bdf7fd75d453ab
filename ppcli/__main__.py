from ppcli.cli.everyday import main

if __name__ == "__main__":
    main()
