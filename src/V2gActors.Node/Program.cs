Console.WriteLine("V2gActors node");
